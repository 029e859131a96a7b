package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskContext;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends one HTTP request under the resilience policy of a service: each attempt gets a timeout that
 * ends before the task's deadline, 429 and 5xx answers and I/O errors are retryable (with the
 * server's {@code Retry-After}), other failures are permanent. Error messages carry the operation,
 * the status and the service's error code, never a header or a request body.
 */
final class HttpSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DETAIL = 200;

  private final OkHttpClient client;
  private final Duration preferredTimeout;

  HttpSender(OkHttpClient client, Duration preferredTimeout) {
    this.client = client;
    this.preferredTimeout = preferredTimeout;
  }

  /** The response body of a successful call. */
  String send(TaskContext context, String service, String operation, Request request)
      throws Exception {
    return context
        .services()
        .call(
            service,
            () -> {
              context.cancellation().throwIfCancelled();
              context.usage().increment("api_calls");
              return attempt(context, service, operation, request);
            });
  }

  private String attempt(TaskContext context, String service, String operation, Request request)
      throws ServiceException, CancelledException {
    Duration timeout = context.timeout(preferredTimeout);
    if (timeout.isZero()) {
      // OkHttp reads a zero timeout as "none": never send a call past the deadline.
      throw new CancelledException("the deadline passed before " + operation);
    }
    OkHttpClient timed = client.newBuilder().callTimeout(timeout).build();
    try (Response response = timed.newCall(request).execute()) {
      String body = response.body().string();
      if (response.isSuccessful()) {
        return body;
      }
      throw failure(service, operation, response, body);
    } catch (IOException e) {
      throw ServiceException.retryable(
          service, operation + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private static ServiceException failure(
      String service, String operation, Response response, String body) {
    int status = response.code();
    String message = operation + " answered HTTP " + status + errorCode(body);
    if (status == 429 || status >= 500) {
      Duration retryAfter = retryAfter(response.header("Retry-After")).orElse(null);
      return ServiceException.retryable(service, message, status, retryAfter);
    }
    return ServiceException.permanent(service, message, status);
  }

  /** The service's error code (Google: {@code error.status} or {@code error}), if any. */
  private static String errorCode(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      String code = error.isObject() ? error.path("status").asText("") : error.asText("");
      if (code.isEmpty() || code.length() > MAX_DETAIL || !code.matches("[A-Za-z0-9_.-]+")) {
        return "";
      }
      return " (" + code + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  static Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unparsable) {
        return Optional.empty();
      }
    }
  }
}
