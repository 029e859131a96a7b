package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.UsageRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON over HTTP to one external service, each call made through the engine's resilience policy.
 * Maps answers to {@link ServiceException}s: 429, 5xx, dropped connections and unreadable success
 * bodies are retryable; other 4xx are permanent and carry the service's own message (Pinecone's
 * data-plane {@code {code,message}}, its control-plane and inference {@code
 * {error:{code,message},status}}, OpenAI's {@code {error:{message}}}, or a bare string). Secret
 * values are scrubbed from every message.
 */
final class JsonHttp {
  private static final MediaType JSON = MediaType.get("application/json");

  private final String service;
  private final OkHttpClient client;
  private final ObjectMapper json;
  private final ServiceCalls calls;
  private final UsageRecorder usage;
  private final Headers headers;
  private final List<Secret> secrets;

  JsonHttp(
      String service,
      OkHttpClient client,
      ObjectMapper json,
      ServiceCalls calls,
      UsageRecorder usage,
      Headers headers,
      List<Secret> secrets) {
    this.service = service;
    this.client = client;
    this.json = json;
    this.calls = calls;
    this.usage = usage;
    this.headers = headers;
    this.secrets = List.copyOf(secrets);
  }

  String service() {
    return service;
  }

  /**
   * POSTs a JSON body already serialized and reads the answer with {@code reader}, inside the
   * retried attempt: a reader that finds the answer malformed throws {@link #malformed}.
   */
  <T> T post(String operation, HttpUrl url, byte[] body, Reader<T> reader) throws Exception {
    RequestBody requestBody = RequestBody.create(body, JSON);
    return calls.call(
        service,
        () -> reader.read(send(operation, request(url).post(requestBody), tree(operation))));
  }

  /**
   * POSTs a value serialized with Jackson and reads the answer as a stream of tokens, without
   * building a tree: for answers made mostly of numbers. An answer that is not well-formed JSON is
   * retryable, as with {@link #post(String, HttpUrl, byte[], Reader)}.
   */
  <T> T postStreaming(String operation, HttpUrl url, Object body, StreamReader<T> reader)
      throws Exception {
    RequestBody requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON);
    return calls.call(
        service,
        () ->
            send(
                operation,
                request(url).post(requestBody),
                (status, bytes) -> stream(operation, status, bytes, reader)));
  }

  /** POSTs a value serialized with Jackson. */
  <T> T post(String operation, HttpUrl url, Object body, Reader<T> reader) throws Exception {
    return post(operation, url, json.writeValueAsBytes(body), reader);
  }

  <T> T get(String operation, HttpUrl url, Reader<T> reader) throws Exception {
    return calls.call(
        service, () -> reader.read(send(operation, request(url).get(), tree(operation))));
  }

  /** A retryable failure for an answer that is JSON but not what the operation returns. */
  ServiceException malformed(String operation, String what) {
    return ServiceException.retryable(
        service, operation + " answered with a malformed body: " + scrub(what), 200, null);
  }

  /** Reads a successful answer. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode answer) throws ServiceException;
  }

  /** Reads a successful answer from a parser that has not read its first token yet. */
  @FunctionalInterface
  interface StreamReader<T> {
    T read(JsonParser answer) throws IOException, ServiceException;
  }

  /** Turns the body of a successful answer into a value. */
  @FunctionalInterface
  private interface SuccessReader<T> {
    T read(int status, byte[] body) throws ServiceException;
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).headers(headers).header("Accept", "application/json");
  }

  private <T> T send(String operation, Request.Builder builder, SuccessReader<T> success)
      throws ServiceException {
    usage.increment("api_calls");
    Request request = builder.build();
    try (Response response = client.newCall(request).execute()) {
      byte[] body = bodyOf(response);
      if (response.isSuccessful()) {
        return success.read(response.code(), body);
      }
      throw failure(operation, response, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      HttpUrl where = request.url().newBuilder().query(null).build();
      throw ServiceException.retryable(
          service,
          operation + " to " + where + " failed: " + scrub(String.valueOf(e.getMessage())),
          e);
    }
  }

  private static byte[] bodyOf(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? new byte[0] : body.bytes();
  }

  private SuccessReader<JsonNode> tree(String operation) {
    return (status, body) -> parseSuccess(operation, status, body);
  }

  private <T> T stream(String operation, int status, byte[] body, StreamReader<T> reader)
      throws ServiceException {
    try (JsonParser parser = json.getFactory().createParser(body)) {
      return reader.read(parser);
    } catch (IOException e) {
      throw garbage(operation, status, new String(body, StandardCharsets.UTF_8));
    }
  }

  private JsonNode parseSuccess(String operation, int status, byte[] body) throws ServiceException {
    try {
      JsonNode node = body.length == 0 ? json.createObjectNode() : json.readTree(body);
      if (node == null || !node.isObject()) {
        throw garbage(operation, status, new String(body, StandardCharsets.UTF_8));
      }
      return node;
    } catch (IOException e) {
      throw garbage(operation, status, new String(body, StandardCharsets.UTF_8));
    }
  }

  private ServiceException garbage(String operation, int status, String body) {
    return ServiceException.retryable(
        service,
        operation
            + " answered HTTP "
            + status
            + " with a body that is not a JSON object: "
            + scrub(abbreviate(body)),
        status,
        null);
  }

  private ServiceException failure(String operation, Response response, String body) {
    int status = response.code();
    ErrorMessage error = ErrorMessage.parse(json, body);
    String message =
        operation
            + " failed with HTTP "
            + status
            + error.describe()
            + ": "
            + scrub(abbreviate(error.message()));
    if (status == 429 && !error.isQuotaExceeded() || status >= 500) {
      return ServiceException.retryable(service, message, status, retryAfter(response));
    }
    return ServiceException.permanent(service, message, status);
  }

  private static Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  String scrub(String message) {
    String scrubbed = message;
    for (Secret secret : secrets) {
      if (!secret.isEmpty()) {
        scrubbed = scrubbed.replace(secret.reveal(), "****");
      }
    }
    return scrubbed;
  }

  private static String abbreviate(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }

  /** The code and message of an error body, in any of the shapes the services use. */
  record ErrorMessage(Optional<String> code, String message) {

    static ErrorMessage parse(ObjectMapper json, String body) {
      try {
        JsonNode node = json.readTree(body);
        if (node != null && node.isObject()) {
          JsonNode error = node.path("error");
          JsonNode holder = error.isObject() ? error : node;
          if (holder.hasNonNull("message")) {
            return new ErrorMessage(code(holder.path("code")), holder.get("message").asText());
          }
          if (error.isTextual()) {
            return new ErrorMessage(Optional.empty(), error.asText());
          }
        } else if (node != null && node.isTextual()) {
          return new ErrorMessage(Optional.empty(), node.asText());
        }
      } catch (JsonProcessingException e) {
        // Not JSON: a bare string, as a 401 may be.
      }
      return new ErrorMessage(Optional.empty(), body.isBlank() ? "(empty body)" : body);
    }

    private static Optional<String> code(JsonNode code) {
      return code.isMissingNode() || code.isNull() ? Optional.empty() : Optional.of(code.asText());
    }

    boolean isQuotaExceeded() {
      return code.map(c -> c.equals("QUOTA_EXCEEDED")).orElse(false)
          || message.contains("QUOTA_EXCEEDED");
    }

    String describe() {
      return code.map(c -> " (" + c + ")").orElse("");
    }
  }
}
