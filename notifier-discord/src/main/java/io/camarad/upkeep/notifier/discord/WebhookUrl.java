package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.Secret;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A webhook's address split into the parts requests are built from: the API base, the webhook id,
 * its token and an optional thread. It holds the token, so it never prints itself and its URLs must
 * never reach a log or a message.
 */
final class WebhookUrl {
  /** The API version every request is sent to. */
  static final String API_PATH = "api/v10";

  private final HttpUrl apiBase;
  private final String webhookId;
  private final String token;
  private final String threadId;

  private WebhookUrl(HttpUrl apiBase, String webhookId, String token, String threadId) {
    this.apiBase = apiBase;
    this.webhookId = webhookId;
    this.token = token;
    this.threadId = threadId;
  }

  /**
   * Parses a webhook URL ({@code https://discord.com/api/webhooks/<id>/<token>}, optionally with an
   * API version in the path and a {@code thread_id} query). The API base is the URL's own scheme,
   * host and port with {@code /api/v10}, unless {@code apiBaseOverride} is given.
   *
   * @return empty if the value is not a webhook URL (the caller reports it without the value)
   */
  static Optional<WebhookUrl> parse(Secret url, Optional<String> apiBaseOverride) {
    HttpUrl parsed = HttpUrl.parse(url.reveal().strip());
    if (parsed == null) {
      return Optional.empty();
    }
    List<String> segments = parsed.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
    int at = segments.lastIndexOf("webhooks");
    if (at < 0 || segments.size() != at + 3 || !isSnowflake(segments.get(at + 1))) {
      return Optional.empty();
    }
    Optional<HttpUrl> base = apiBase(parsed, apiBaseOverride);
    String thread = parsed.queryParameter("thread_id");
    if (base.isEmpty() || (thread != null && !isSnowflake(thread))) {
      return Optional.empty();
    }
    String id = segments.get(at + 1);
    return Optional.of(new WebhookUrl(base.get(), id, segments.get(at + 2), thread));
  }

  private static Optional<HttpUrl> apiBase(HttpUrl webhook, Optional<String> override) {
    if (override.isPresent()) {
      return Optional.ofNullable(HttpUrl.parse(override.get()));
    }
    return Optional.of(webhook.newBuilder().encodedPath("/" + API_PATH).query(null).build());
  }

  /** Whether {@code value} is a Discord id: 1 to 20 digits, no leading zero. */
  static boolean isSnowflake(String value) {
    return value.matches("[1-9][0-9]{0,19}");
  }

  /** The webhook's id: not a secret (it names the webhook, the token is what grants access). */
  String webhookId() {
    return webhookId;
  }

  /** The token, for masking it wherever a text might carry it. */
  String token() {
    return token;
  }

  /** {@code POST} here to execute the webhook; {@code wait=true} makes the answer the message. */
  HttpUrl executeUrl() {
    HttpUrl.Builder url = webhookUrl().addQueryParameter("wait", "true");
    return withThread(url).build();
  }

  /** {@code PATCH} or {@code DELETE} here to edit or delete a message the webhook posted. */
  HttpUrl messageUrl(String messageId) {
    HttpUrl.Builder url = webhookUrl().addPathSegment("messages").addPathSegment(messageId);
    return withThread(url).build();
  }

  private HttpUrl.Builder webhookUrl() {
    return apiBase
        .newBuilder()
        .addPathSegment("webhooks")
        .addPathSegment(webhookId)
        .addPathSegment(token);
  }

  private HttpUrl.Builder withThread(HttpUrl.Builder url) {
    return threadId == null ? url : url.addQueryParameter("thread_id", threadId);
  }

  @Override
  public String toString() {
    return "WebhookUrl[id=" + webhookId + ", token=****]";
  }
}
