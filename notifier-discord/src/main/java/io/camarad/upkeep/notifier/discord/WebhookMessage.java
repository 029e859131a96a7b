package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The JSON body of an execute-webhook or edit-message request, as Jackson writes it. Absent parts
 * are {@code null} and left out of the JSON.
 *
 * @param content plain text above the embeds: only mentions, or {@code null}
 * @param embeds the embeds (one per run)
 * @param allowedMentions who may be pinged; never {@code null}, so Discord never parses text
 * @param username the name to post as, or {@code null}; only valid when posting, not editing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookMessage(
    String content,
    List<Embed> embeds,
    @JsonProperty("allowed_mentions") AllowedMentions allowedMentions,
    String username) {

  WebhookMessage {
    embeds = List.copyOf(embeds);
    Objects.requireNonNull(allowedMentions, "allowedMentions");
  }

  /** The same message for an edit: edits cannot change the author's name. */
  WebhookMessage forEdit() {
    return new WebhookMessage(content, embeds, allowedMentions, null);
  }

  /** Whether the message pings anyone. */
  boolean pings() {
    return allowedMentions.users() != null || allowedMentions.roles() != null;
  }

  /**
   * One embed.
   *
   * @param color RGB, 0 to 0xFFFFFF
   * @param timestamp ISO-8601, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Embed(
      String title,
      String description,
      int color,
      String timestamp,
      List<Field> fields,
      Footer footer) {

    Embed {
      fields = List.copyOf(fields);
    }

    /** The characters Discord counts towards the 6,000 of all embeds of a message. */
    int textLength() {
      int total = length(title) + length(description);
      for (Field field : fields) {
        total += field.name().length() + field.value().length();
      }
      return total + (footer == null ? 0 : length(footer.text()));
    }

    private static int length(String text) {
      return text == null ? 0 : text.length();
    }
  }

  /** A field of an embed: a task's line. */
  record Field(String name, String value, boolean inline) {
    Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The footer of an embed. */
  record Footer(String text) {}

  /**
   * Who a message may ping. {@code parse} is always empty, so no text in the message can ping;
   * {@code users} and {@code roles} list the configured ids when a ping is due, else are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AllowedMentions(List<String> parse, List<String> users, List<String> roles) {

    /** Pings nobody. */
    static AllowedMentions none() {
      return new AllowedMentions(List.of(), null, null);
    }

    /** Pings exactly these users and roles (either list may be empty). */
    static AllowedMentions only(List<String> users, List<String> roles) {
      if (users.isEmpty() && roles.isEmpty()) {
        return none();
      }
      return new AllowedMentions(List.of(), List.copyOf(users), List.copyOf(roles));
    }
  }
}
