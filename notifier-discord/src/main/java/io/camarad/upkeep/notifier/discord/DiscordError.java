package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * What Discord said when it refused a request: its JSON error body ({@code code}, {@code message},
 * and {@code retry_after} on a 429), or only the HTTP status when the body is not Discord's (a
 * proxy's page, an empty body).
 *
 * @param status the HTTP status
 * @param code Discord's error code, or 0 if none
 * @param message Discord's message, masked and cut to one short line, or empty
 * @param retryAfterSeconds the body's {@code retry_after}, or a negative number if none
 */
record DiscordError(int status, int code, String message, double retryAfterSeconds) {
  static final int UNKNOWN_WEBHOOK = 10015;
  static final int UNKNOWN_MESSAGE = 10008;
  static final int INVALID_TOKEN = 50027;

  private static final int MAX_MESSAGE = 200;
  private static final long MAX_BODY_BYTES = 64 * 1024;

  /** Reads the error of {@code response}; never fails. */
  static DiscordError read(ObjectMapper mapper, Response response, Redactor redactor) {
    Optional<JsonNode> body = json(mapper, response.body());
    int code = body.map(node -> node.path("code").asInt(0)).orElse(0);
    String message =
        body.map(node -> node.path("message").asText(""))
            .map(text -> SafeText.cut(SafeText.oneLine(redactor.apply(text)), MAX_MESSAGE))
            .orElse("");
    JsonNode retryAfter = body.map(node -> node.path("retry_after")).orElse(null);
    double seconds = retryAfter != null && retryAfter.isNumber() ? retryAfter.asDouble() : -1;
    return new DiscordError(response.code(), code, message, seconds);
  }

  private static Optional<JsonNode> json(ObjectMapper mapper, ResponseBody body) {
    try {
      BufferedSource source = body.source();
      source.request(MAX_BODY_BYTES);
      long size = Math.min(MAX_BODY_BYTES, source.getBuffer().size());
      JsonNode node = mapper.readTree(source.getBuffer().readUtf8(size));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  /** The wait asked for in the body, if any. */
  Optional<Duration> retryAfter() {
    return retryAfterSeconds < 0 ? Optional.empty() : RetryAfter.fromSeconds(retryAfterSeconds);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("HTTP ").append(status);
    if (code != 0) {
      text.append(", Discord code ").append(code);
    }
    if (!message.isEmpty()) {
      text.append(": ").append(message);
    }
    return text.toString();
  }
}
