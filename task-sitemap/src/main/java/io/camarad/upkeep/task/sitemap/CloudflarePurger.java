package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Purges URLs, hosts or a whole zone from Cloudflare's cache ({@code POST
 * /zones/{zone_id}/purge_cache}), in batches no larger than the per-request limit and no faster
 * than the client-side rate. Each request goes through the {@code cloudflare} service policy: 429
 * (with its {@code Retry-After}), 5xx, dropped connections and unreadable answers are retryable;
 * other refusals, including an HTTP 200 whose body says {@code success: false}, are not, and their
 * message carries Cloudflare's error codes and messages. The token is sent as {@code Authorization:
 * Bearer} and appears nowhere else.
 */
final class CloudflarePurger {
  static final String SERVICE = "cloudflare";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl endpoint;
  private final Secret token;
  private final ServiceCalls services;
  private final PurgePacer pacer;
  private final int batchSize;
  private final Clock clock;

  CloudflarePurger(
      OkHttpClient http,
      HttpUrl baseUrl,
      String zoneId,
      Secret token,
      ServiceCalls services,
      PurgePacer pacer,
      int batchSize,
      Clock clock) {
    this.http = http;
    this.endpoint =
        baseUrl
            .newBuilder()
            .addPathSegment("zones")
            .addPathSegment(zoneId)
            .addPathSegment("purge_cache")
            .build();
    this.token = token;
    this.services = services;
    this.pacer = pacer;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /**
   * Purges what {@code pending} holds. After each request that succeeded, {@code progress} receives
   * what is left, so a failure part way loses nothing.
   *
   * @return the number of purge requests sent successfully
   */
  int purge(PendingPurge pending, Consumer<PendingPurge> progress, Cancellation cancellation)
      throws Exception {
    int requests = 0;
    if (pending.everything()) {
      send(body("purge_everything", true), cancellation);
      progress.accept(PendingPurge.NONE);
      return 1;
    }
    PendingPurge left = pending;
    for (List<String> hosts : batches(pending.hosts())) {
      send(body("hosts", hosts), cancellation);
      requests++;
    }
    if (!pending.hosts().isEmpty()) {
      left = left.withoutHosts();
      progress.accept(left);
    }
    for (List<String> files : batches(pending.files())) {
      send(body("files", files), cancellation);
      requests++;
      left = left.withoutFiles(files);
      progress.accept(left);
    }
    return requests;
  }

  private List<List<String>> batches(List<String> all) {
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < all.size(); from += batchSize) {
      batches.add(all.subList(from, Math.min(all.size(), from + batchSize)));
    }
    return batches;
  }

  private static String body(String key, Object value) {
    ObjectNode body = MAPPER.createObjectNode();
    body.set(key, MAPPER.valueToTree(value));
    return body.toString();
  }

  private void send(String body, Cancellation cancellation) throws Exception {
    pacer.acquire(cancellation);
    services.call(SERVICE, () -> attempt(body));
  }

  private Void attempt(String body) throws ServiceException {
    Request request =
        new Request.Builder()
            .url(endpoint)
            .header("Authorization", "Bearer " + token.reveal())
            .post(RequestBody.create(body, JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      check(response.code(), response.header("Retry-After"), text);
      return null;
    } catch (IOException e) {
      throw ServiceException.retryable(
          SERVICE, "purge_cache failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  private void check(int status, String retryAfter, String text) throws ServiceException {
    if (status == 429) {
      throw ServiceException.retryable(
          SERVICE,
          "purge_cache rate limited (HTTP 429)" + errors(text),
          status,
          retryAfter(retryAfter));
    }
    if (status >= 500) {
      throw ServiceException.retryable(
          SERVICE,
          "purge_cache answered HTTP " + status + errors(text),
          status,
          retryAfter(retryAfter));
    }
    JsonNode answer = parse(text);
    if (answer == null || !answer.path("success").isBoolean()) {
      if (status >= 400) {
        throw ServiceException.permanent(
            SERVICE,
            "purge_cache refused the request (HTTP " + status + "): " + abbreviate(text),
            status);
      }
      throw ServiceException.retryable(
          SERVICE,
          "purge_cache gave an unreadable answer (HTTP " + status + "): " + abbreviate(text),
          status,
          null);
    }
    if (status >= 300 || !answer.get("success").asBoolean()) {
      throw ServiceException.permanent(
          SERVICE,
          "purge_cache refused the request (HTTP " + status + ")" + errors(answer),
          status);
    }
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when =
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), when.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String errors(String text) {
    JsonNode answer = parse(text);
    return answer == null ? "" : errors(answer);
  }

  /** Cloudflare's error codes and messages: ": 1012 Request must contain ...; 1015 ...". */
  private static String errors(JsonNode answer) {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : answer.path("errors")) {
      errors.add((error.path("code").asText("?") + " " + error.path("message").asText("")).trim());
    }
    return errors.isEmpty() ? ": no error given" : ": " + String.join("; ", errors);
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= 120 ? "'" + flat + "'" : "'" + flat.substring(0, 117) + "...'";
  }
}
