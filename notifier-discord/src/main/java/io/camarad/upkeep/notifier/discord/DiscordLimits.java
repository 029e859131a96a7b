package io.camarad.upkeep.notifier.discord;

/** The limits Discord enforces on a webhook message, in characters unless said otherwise. */
final class DiscordLimits {
  static final int CONTENT = 2_000;
  static final int EMBEDS = 10;
  static final int TITLE = 256;
  static final int DESCRIPTION = 4_096;
  static final int FIELDS = 25;
  static final int FIELD_NAME = 256;
  static final int FIELD_VALUE = 1_024;
  static final int FOOTER = 2_048;

  /** Titles, descriptions, field names and values, footers and authors of all embeds. */
  static final int EMBED_TOTAL = 6_000;

  static final int USERNAME = 80;

  private DiscordLimits() {}
}
