package io.camarad.upkeep.notifier.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A Discord that keeps webhooks and their messages, for tests. It checks every request body against
 * the webhook schemas of Discord's published specification ({@link DiscordSpec}) and refuses, with
 * Discord's error codes, what Discord refuses beyond them: an embed text over 6,000 characters, an
 * empty field, an empty message. It is stricter than Discord in one way: a key the schema does not
 * declare is refused rather than ignored, so a misspelt {@code allowed_mentions} cannot pass
 * unnoticed. Every answer it gives is itself checked against the specification's response schemas
 * ({@link #ownAnswerErrors()}).
 *
 * <p>Faults are scripted with {@link #failNext}: each queued fault answers one request, before the
 * webhook or the body are looked at.
 */
final class FakeDiscord implements AutoCloseable {
  static final int EMPTY_MESSAGE = 50006;
  static final int INVALID_FORM_BODY = 50035;
  static final int INVALID_JSON = 50109;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern USER_TOKEN = Pattern.compile("<@!?([0-9]+)>");
  private static final Pattern ROLE_TOKEN = Pattern.compile("<@&([0-9]+)>");
  private static final Set<String> EXECUTE_KEYS =
      Set.of(
          "content",
          "embeds",
          "allowed_mentions",
          "components",
          "attachments",
          "poll",
          "tts",
          "flags",
          "username",
          "avatar_url",
          "thread_name",
          "applied_tags");
  private static final Set<String> UPDATE_KEYS =
      Set.of("content", "embeds", "allowed_mentions", "components", "attachments", "poll", "flags");

  /** A scripted answer to one request. */
  sealed interface Fault {
    /** 429 with {@code retry_after} in the JSON body only. */
    record RateLimitInBody(double seconds) implements Fault {}

    /** 429 with a {@code Retry-After} header only, and a body that is not Discord's. */
    record RateLimitInHeader(String header) implements Fault {}

    /** 429 with both; Discord's body is the more precise. */
    record RateLimitInBoth(double seconds, String header) implements Fault {}

    /** A 5xx from Discord or its proxy. */
    record ServerError(int status) implements Fault {}

    /** The connection drops before an answer. */
    record Disconnect() implements Fault {}

    /** A 200 whose body is not JSON (a misbehaving proxy); the request is not processed. */
    record GarbageOk() implements Fault {}
  }

  /** One request and the answer it got. */
  record Exchange(
      String method, String path, JsonNode body, int status, int code, List<String> refusals) {

    boolean accepted() {
      return status / 100 == 2;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final DiscordSpec spec = DiscordSpec.get();
  private final Map<String, String> webhooks = new LinkedHashMap<>();
  private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<String> ownAnswerErrors = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(1_300_000_000_000_000_000L);

  FakeDiscord() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  /** Creates a webhook; returns its URL as Discord shows it (without an API version). */
  synchronized String createWebhook(String id, String token) {
    webhooks.put(id, token);
    return server.url("/api/webhooks/" + id + "/" + token).toString();
  }

  /** Deletes a webhook, as a server admin would: later requests get code 10015. */
  synchronized void deleteWebhook(String id) {
    webhooks.remove(id);
  }

  /** Deletes every message, as a moderator would: later edits find nothing. */
  synchronized void deleteAllMessages() {
    messages.clear();
  }

  /** The URL of a path on this server, for raw requests. */
  String url(String path) {
    return server.url(path).toString();
  }

  /** Queues faults: each answers one request, in order. */
  synchronized void failNext(Fault... next) {
    faults.addAll(List.of(next));
  }

  synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The messages in the channel(s), in posting order, as Discord would return them. */
  synchronized List<JsonNode> messages() {
    return List.copyOf(messages.values());
  }

  /** Answers of this fake that the specification's response schemas refuse: a bug here. */
  synchronized List<String> ownAnswerErrors() {
    return List.copyOf(ownAnswerErrors);
  }

  /**
   * Who a message's content pings, the way Discord decides it: mentions in the content that {@code
   * allowed_mentions} allows (everything, when it is absent); embeds never ping.
   */
  static List<String> pings(JsonNode body) {
    String content = body.path("content").asText("");
    JsonNode allowed = body.get("allowed_mentions");
    List<String> pinged = new ArrayList<>();
    Matcher userTokens = USER_TOKEN.matcher(content);
    while (userTokens.find()) {
      if (allows(allowed, "users", userTokens.group(1))) {
        pinged.add("user:" + userTokens.group(1));
      }
    }
    Matcher roleTokens = ROLE_TOKEN.matcher(content);
    while (roleTokens.find()) {
      if (allows(allowed, "roles", roleTokens.group(1))) {
        pinged.add("role:" + roleTokens.group(1));
      }
    }
    boolean mass = content.contains("@everyone") || content.contains("@here");
    if (mass && (allowed == null || contains(allowed.path("parse"), "everyone"))) {
      pinged.add("everyone");
    }
    return pinged;
  }

  private static boolean allows(JsonNode allowed, String kind, String id) {
    if (allowed == null || allowed.isNull()) {
      return true;
    }
    return contains(allowed.path("parse"), kind) || contains(allowed.path(kind), id);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    JsonNode body = parse(request);
    Fault fault = faults.poll();
    if (fault != null) {
      return record(request, path, body, faultAnswer(fault));
    }
    return record(request, path, body, route(request, path, body));
  }

  private MockResponse record(RecordedRequest request, String path, JsonNode body, Answer answer) {
    exchanges.add(
        new Exchange(request.getMethod(), path, body, answer.status, answer.code, answer.refusals));
    return answer.response;
  }

  private static JsonNode parse(RecordedRequest request) {
    if (request.getBody() == null || request.getBody().size() == 0) {
      return null;
    }
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(request.getBody().utf8());
    }
  }

  /** An answer and what the exchange log keeps of it. */
  private record Answer(MockResponse response, int status, int code, List<String> refusals) {}

  private Answer faultAnswer(Fault fault) {
    if (fault instanceof Fault.RateLimitInBody limit) {
      return rateLimited(limit.seconds(), null);
    }
    if (fault instanceof Fault.RateLimitInHeader limit) {
      return rateLimitedByProxy(limit.header());
    }
    if (fault instanceof Fault.RateLimitInBoth limit) {
      return rateLimited(limit.seconds(), limit.header());
    }
    if (fault instanceof Fault.ServerError error) {
      return serverError(error.status());
    }
    if (fault instanceof Fault.GarbageOk) {
      MockResponse garbage =
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "text/html")
              .body("<html>ok</html>")
              .build();
      return new Answer(garbage, 200, 0, List.of("garbage"));
    }
    MockResponse drop =
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
    return new Answer(drop, 0, 0, List.of("disconnected"));
  }

  private Answer rateLimited(double seconds, String header) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("message", "You are being rate limited.")
            .put("code", 0)
            .put("retry_after", seconds)
            .put("global", false);
    checkOwn("RatelimitedResponse", spec.rateLimitedResponseErrors(body));
    MockResponse.Builder response = json(429, body);
    if (header != null) {
      response.setHeader("Retry-After", header);
    }
    return new Answer(response.build(), 429, 0, List.of("rate limited"));
  }

  private Answer rateLimitedByProxy(String header) {
    MockResponse response =
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .setHeader("Retry-After", header)
            .body("error code: 1015")
            .build();
    return new Answer(response, 429, 0, List.of("rate limited"));
  }

  private Answer serverError(int status) {
    MockResponse response =
        new MockResponse.Builder()
            .code(status)
            .setHeader("Content-Type", "text/html")
            .body("<html><body>" + status + " Bad Gateway</body></html>")
            .build();
    return new Answer(response, status, 0, List.of("server error"));
  }

  private Answer route(RecordedRequest request, String path, JsonNode body) {
    String[] parts = path.split("/");
    // "", "api", "v10", "webhooks", id, token[, "messages", messageId]
    boolean webhookPath =
        parts.length >= 6
            && parts[1].equals("api")
            && parts[2].equals("v10")
            && parts[3].equals("webhooks");
    if (!webhookPath || (parts.length != 6 && parts.length != 8)) {
      return error(404, 0, "404: Not Found", List.of("no such route"));
    }
    String id = parts[4];
    if (!webhooks.containsKey(id)) {
      return error(
          404, DiscordError.UNKNOWN_WEBHOOK, "Unknown Webhook", List.of("unknown webhook"));
    }
    if (!webhooks.get(id).equals(parts[5])) {
      return error(401, DiscordError.INVALID_TOKEN, "Invalid Webhook Token", List.of("bad token"));
    }
    String method = request.getMethod();
    boolean hasBody = method.equals("POST") || method.equals("PATCH");
    String type = String.valueOf(request.getHeaders().get("Content-Type"));
    if (hasBody && !type.startsWith("application/json")) {
      return error(
          400,
          INVALID_JSON,
          "The request body contains invalid JSON.",
          List.of("content type " + type));
    }
    if (parts.length == 6 && method.equals("POST")) {
      return execute(request, id, body);
    }
    if (parts.length == 8 && parts[6].equals("messages") && method.equals("PATCH")) {
      return update(parts[7], body);
    }
    if (parts.length == 8 && parts[6].equals("messages") && method.equals("DELETE")) {
      return delete(parts[7]);
    }
    return error(405, 0, "405: Method Not Allowed", List.of("method not allowed"));
  }

  private Answer execute(RecordedRequest request, String webhookId, JsonNode body) {
    List<String> refusals = refusals(body, spec.executeRequestErrors(body), EXECUTE_KEYS);
    if (!refusals.isEmpty()) {
      return invalid(refusals);
    }
    if (isEmpty(body)) {
      return error(400, EMPTY_MESSAGE, "Cannot send an empty message", List.of("empty message"));
    }
    ObjectNode message = newMessage(webhookId, (ObjectNode) body);
    messages.put(message.get("id").asText(), message);
    if (!"true".equals(request.getUrl().queryParameter("wait"))) {
      return new Answer(new MockResponse.Builder().code(204).build(), 204, 0, List.of());
    }
    return ok(message);
  }

  private Answer update(String messageId, JsonNode body) {
    List<String> refusals = refusals(body, spec.updateRequestErrors(body), UPDATE_KEYS);
    if (!refusals.isEmpty()) {
      return invalid(refusals);
    }
    ObjectNode message = messages.get(messageId);
    if (message == null) {
      return error(404, DiscordError.UNKNOWN_MESSAGE, "Unknown Message", List.of("no message"));
    }
    ObjectNode edited = message.deepCopy();
    if (body.has("content")) {
      edited.put("content", body.path("content").asText(""));
    }
    if (body.has("embeds")) {
      edited.set("embeds", embedsAsAnswered(body.path("embeds")));
    }
    if (edited.path("content").asText("").isEmpty() && edited.path("embeds").isEmpty()) {
      return error(400, EMPTY_MESSAGE, "Cannot send an empty message", List.of("empty message"));
    }
    edited.put("edited_timestamp", Instant.now().toString());
    edited.set("request", body);
    messages.put(messageId, edited);
    return ok(edited);
  }

  private Answer delete(String messageId) {
    if (messages.remove(messageId) == null) {
      return error(404, DiscordError.UNKNOWN_MESSAGE, "Unknown Message", List.of("no message"));
    }
    return new Answer(new MockResponse.Builder().code(204).build(), 204, 0, List.of());
  }

  /** The spec's complaints, plus what Discord refuses that the schema does not say. */
  private static List<String> refusals(JsonNode body, List<String> schemaErrors, Set<String> keys) {
    if (body == null || !body.isObject()) {
      return List.of("the body is not a JSON object");
    }
    List<String> refusals = new ArrayList<>(schemaErrors);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        refusals.add("unknown key '" + name + "'");
      }
    }
    refusals.addAll(embedRefusals(body.path("embeds")));
    String username = body.path("username").asText("").toLowerCase(Locale.ROOT);
    if (username.contains("discord") || username.contains("clyde")) {
      refusals.add("username cannot contain 'discord' or 'clyde'");
    }
    return refusals;
  }

  /**
   * What Discord refuses in an execute body beyond the schema: the total embed text, empty fields,
   * an empty message. For tests of message builders.
   */
  static List<String> limitRefusals(JsonNode body) {
    List<String> refusals = new ArrayList<>(embedRefusals(body.path("embeds")));
    if (isEmpty(body)) {
      refusals.add("Cannot send an empty message");
    }
    return refusals;
  }

  private static List<String> embedRefusals(JsonNode embeds) {
    List<String> refusals = new ArrayList<>();
    int total = 0;
    for (JsonNode embed : embeds) {
      total +=
          length(embed.path("title"))
              + length(embed.path("description"))
              + length(embed.path("footer").path("text"))
              + length(embed.path("author").path("name"));
      for (JsonNode field : embed.path("fields")) {
        if (field.path("name").asText("").isBlank() || field.path("value").asText("").isBlank()) {
          refusals.add("embed field name and value must not be empty");
        }
        total += length(field.path("name")) + length(field.path("value"));
      }
    }
    if (total > DiscordLimits.EMBED_TOTAL) {
      refusals.add("Embed size exceeds maximum size of 6000 (" + total + ")");
    }
    return refusals;
  }

  /** Discord counts code points. */
  private static int length(JsonNode text) {
    return text.isTextual() ? text.asText().codePointCount(0, text.asText().length()) : 0;
  }

  private static boolean isEmpty(JsonNode body) {
    boolean noContent = body.path("content").asText("").isEmpty();
    return noContent
        && body.path("embeds").isEmpty()
        && body.path("attachments").isEmpty()
        && body.path("components").isEmpty()
        && body.path("poll").isMissingNode();
  }

  private ObjectNode newMessage(String webhookId, ObjectNode body) {
    ObjectNode author =
        JSON.createObjectNode()
            .put("id", webhookId)
            .put("username", body.path("username").asText("Captain Hook"))
            .putNull("avatar")
            .put("discriminator", "0000")
            .put("public_flags", 0)
            .put("flags", 0)
            .put("bot", true)
            .putNull("global_name")
            .putNull("primary_guild");
    ObjectNode message =
        JSON.createObjectNode().put("type", 0).put("content", body.path("content").asText(""));
    message.set("mentions", JSON.createArrayNode());
    message.set("mention_roles", JSON.createArrayNode());
    message.set("attachments", JSON.createArrayNode());
    message.set("embeds", embedsAsAnswered(body.path("embeds")));
    message.put("timestamp", Instant.now().toString());
    message.putNull("edited_timestamp");
    message.put("flags", 0);
    message.set("components", JSON.createArrayNode());
    message.put("id", String.valueOf(ids.incrementAndGet()));
    message.put("channel_id", "1100000000000000001");
    message.set("author", author);
    message.put("pinned", false).put("mention_everyone", false).put("tts", false);
    message.put("webhook_id", webhookId);
    message.set("request", body);
    return message;
  }

  /** Embeds as Discord answers them: {@code type} set, {@code inline} always present. */
  private static ArrayNode embedsAsAnswered(JsonNode embeds) {
    ArrayNode answered = JSON.createArrayNode();
    for (JsonNode embed : embeds) {
      ObjectNode copy = embed.deepCopy();
      copy.put("type", "rich");
      for (JsonNode field : copy.path("fields")) {
        ((ObjectNode) field).put("inline", field.path("inline").asBoolean(false));
      }
      answered.add(copy);
    }
    return answered;
  }

  private Answer ok(ObjectNode message) {
    ObjectNode answer = message.deepCopy();
    answer.remove("request");
    checkOwn("MessageResponse", spec.messageResponseErrors(answer));
    return new Answer(json(200, answer).build(), 200, 0, List.of());
  }

  private Answer invalid(List<String> refusals) {
    return error(400, INVALID_FORM_BODY, "Invalid Form Body", refusals);
  }

  private Answer error(int status, int code, String message, List<String> refusals) {
    ObjectNode body = JSON.createObjectNode().put("message", message).put("code", code);
    if (status == 400) {
      ArrayNode errors = body.putObject("errors").putObject("body").putArray("_errors");
      refusals.forEach(r -> errors.addObject().put("code", code).put("message", r));
    }
    checkOwn("ErrorResponse", spec.errorResponseErrors(body));
    return new Answer(json(status, body).build(), status, code, List.copyOf(refusals));
  }

  private static MockResponse.Builder json(int status, JsonNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body.toString());
  }

  private void checkOwn(String schema, List<String> errors) {
    errors.forEach(error -> ownAnswerErrors.add(schema + ": " + error));
  }

  @Override
  public void close() {
    server.close();
  }
}
