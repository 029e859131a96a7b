package io.camarad.upkeep.notifier.discord;

import java.util.List;

/**
 * Masks the secrets of a webhook (its token and the URLs built from it) in a text before the text
 * may reach a log line or an exception message.
 */
final class Redactor {
  static final String MASK = "****";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Masks {@code url}'s token wherever it appears, and so every URL that contains it. */
  static Redactor forWebhook(WebhookUrl url) {
    return new Redactor(List.of(url.token()));
  }

  /** {@code text} with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
  String apply(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }
}
