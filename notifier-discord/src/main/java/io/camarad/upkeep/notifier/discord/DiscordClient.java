package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends webhook requests to Discord, one call through the {@code discord} service policy each, and
 * turns Discord's answers into outcomes: 2xx is done; 429, 5xx and network errors are retryable
 * (with the wait Discord asks for); anything else is permanent. No retry happens here: the policy
 * retries, and this class only bounds the total time a request may take.
 *
 * <p>No text this class produces contains the webhook's token: messages name the webhook by its
 * label, and I/O failures are attached only as {@link RedactedException} copies.
 */
final class DiscordClient {
  static final String SERVICE = "discord";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final ObjectMapper mapper;
  private final ServiceCalls services;
  private final Clock clock;
  private final Duration retryBudget;
  private final String userAgent;

  DiscordClient(
      OkHttpClient http,
      ObjectMapper mapper,
      ServiceCalls services,
      Clock clock,
      Duration retryBudget,
      String engineVersion) {
    this.http = http;
    this.mapper = mapper;
    this.services = services;
    this.clock = clock;
    this.retryBudget = retryBudget;
    this.userAgent = "Upkeep/" + engineVersion + " (notifier-discord)";
  }

  /**
   * Posts {@code message} with {@code wait=true}.
   *
   * @return the new message's id, or empty if Discord's answer did not carry one
   */
  Optional<String> post(WebhookRoute route, WebhookMessage message) throws Exception {
    Request request = request(route.url().executeUrl().toString()).post(body(message)).build();
    return send(route, "post", request, this::messageId);
  }

  /** Replaces the text and embeds of a message the webhook posted. */
  void edit(WebhookRoute route, String messageId, WebhookMessage message) throws Exception {
    String url = route.url().messageUrl(messageId).toString();
    Request request = request(url).patch(body(message.forEdit())).build();
    send(route, "edit", request, response -> Optional.empty());
  }

  /** Deletes a message the webhook posted. */
  void delete(WebhookRoute route, String messageId) throws Exception {
    Request request = request(route.url().messageUrl(messageId).toString()).delete().build();
    send(route, "delete", request, response -> Optional.empty());
  }

  private Request.Builder request(String url) {
    return new Request.Builder().url(url).header("User-Agent", userAgent);
  }

  private RequestBody body(WebhookMessage message) throws JsonProcessingException {
    return RequestBody.create(mapper.writeValueAsBytes(message), JSON);
  }

  private Optional<String> send(
      WebhookRoute route, String operation, Request request, AnswerReader reader) throws Exception {
    Attempt attempt = new Attempt(route, operation, request, reader, deadline());
    return services.call(SERVICE, attempt::run);
  }

  private Instant deadline() {
    return clock.instant().plus(retryBudget);
  }

  private Optional<String> messageId(Response response) throws IOException {
    try {
      JsonNode answer = mapper.readTree(response.body().byteStream());
      JsonNode id = answer == null ? null : answer.get("id");
      return id != null && id.isTextual() && WebhookUrl.isSnowflake(id.asText())
          ? Optional.of(id.asText())
          : Optional.empty();
    } catch (JsonProcessingException garbage) {
      return Optional.empty();
    }
  }

  /** Reads what a successful answer holds. */
  @FunctionalInterface
  private interface AnswerReader {
    Optional<String> read(Response response) throws IOException;
  }

  /** One request, attempted as often as the service policy decides, within the budget. */
  private final class Attempt {
    private final WebhookRoute route;
    private final String operation;
    private final Request request;
    private final AnswerReader reader;
    private final Instant deadline;
    private final Redactor redactor;

    Attempt(
        WebhookRoute route,
        String operation,
        Request request,
        AnswerReader reader,
        Instant deadline) {
      this.route = route;
      this.operation = operation;
      this.request = request;
      this.reader = reader;
      this.deadline = deadline;
      this.redactor = Redactor.forWebhook(route.url());
    }

    Optional<String> run() throws ServiceException {
      checkBudget();
      try (Response response = http.newCall(request).execute()) {
        if (response.isSuccessful()) {
          return reader.read(response);
        }
        throw refusal(response);
      } catch (IOException failure) {
        throw networkFailure(failure);
      }
    }

    private ServiceException networkFailure(IOException failure) {
      RedactedException copy = RedactedException.of(failure, redactor);
      String reason =
          failure.getClass().getSimpleName() + ": " + redactor.apply(failure.getMessage());
      if (Thread.currentThread().isInterrupted()) {
        return ServiceException.permanent(SERVICE, what() + " interrupted: " + reason, copy);
      }
      return ServiceException.retryable(SERVICE, what() + " failed: " + reason, copy);
    }

    private void checkBudget() throws ServiceException {
      if (!clock.instant().isBefore(deadline)) {
        throw ServiceException.permanent(
            SERVICE,
            what()
                + " gave up: its retryBudget of "
                + HumanDuration.format(retryBudget)
                + " is spent",
            -1);
      }
    }

    private ServiceException refusal(Response response) {
      int status = response.code();
      DiscordError error = DiscordError.read(mapper, response, redactor);
      if (status == 429) {
        return rateLimited(error, response);
      }
      if (status >= 500) {
        Duration wait = RetryAfter.fromHeader(response.header("Retry-After")).orElse(null);
        return ServiceException.retryable(SERVICE, what() + " failed: " + error, status, wait);
      }
      return new DiscordRefusal(what() + " refused: " + error + fix(error), status, error.code());
    }

    private ServiceException rateLimited(DiscordError error, Response response) {
      Optional<Duration> wait =
          error.retryAfter().or(() -> RetryAfter.fromHeader(response.header("Retry-After")));
      Duration left = Duration.between(clock.instant(), deadline);
      if (wait.isPresent() && wait.get().compareTo(left) > 0) {
        return ServiceException.permanent(
            SERVICE,
            what()
                + " rate limited: Discord asks to wait "
                + wait.get().toMillis()
                + " ms, more than the "
                + left.toMillis()
                + " ms left of retryBudget",
            429);
      }
      return ServiceException.retryable(
          SERVICE, what() + " rate limited (HTTP 429)", 429, wait.orElse(null));
    }

    private String what() {
      return operation + " to " + route.label();
    }
  }

  private static String fix(DiscordError error) {
    return switch (error.code()) {
      case DiscordError.UNKNOWN_WEBHOOK ->
          "; the webhook was deleted or its URL is wrong: create one and update the URL";
      case DiscordError.INVALID_TOKEN ->
          "; the URL's token is wrong or was regenerated: copy the webhook URL again";
      default -> "";
    };
  }
}
