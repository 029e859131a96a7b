package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Discord refuses, and answers as the specification says. */
class FakeDiscordTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK = "/api/v10/webhooks/111/tok";

  private final OkHttpClient http =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private FakeDiscord discord;

  /** A status and the JSON body of an answer. */
  private record Answer(int status, JsonNode body, String retryAfter) {}

  @BeforeEach
  void start() throws IOException {
    discord = new FakeDiscord();
    discord.createWebhook("111", "tok");
  }

  @AfterEach
  void stop() {
    assertThat(discord.ownAnswerErrors()).as("the fake's own answers").isEmpty();
    discord.close();
  }

  private Answer send(String method, String path, JsonNode body) throws IOException {
    MediaType type = MediaType.get("application/json");
    RequestBody requestBody = body == null ? null : RequestBody.create(body.toString(), type);
    Request request =
        new Request.Builder().url(discord.url(path)).method(method, requestBody).build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      JsonNode json = text.isEmpty() ? null : parseOrText(text);
      return new Answer(response.code(), json, response.header("Retry-After"));
    }
  }

  private static JsonNode parseOrText(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private Answer post(JsonNode body) throws IOException {
    return send("POST", HOOK + "?wait=true", body);
  }

  private static ObjectNode message() {
    ObjectNode message = JSON.createObjectNode();
    message.putObject("allowed_mentions").putArray("parse");
    return message;
  }

  private static ObjectNode withEmbed(ObjectNode message) {
    ObjectNode embed = message.putArray("embeds").addObject();
    embed.put("title", "t");
    return embed;
  }

  @Test
  void acceptsAValidMessageAndAnswersWithItsId() throws IOException {
    ObjectNode message = message().put("content", "hello");
    withEmbed(message).putArray("fields").addObject().put("name", "n").put("value", "v");

    Answer answer = post(message);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("id").asText()).matches("[0-9]+");
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void acceptsContentOfExactly2000AndRefuses2001() throws IOException {
    assertThat(post(message().put("content", "x".repeat(2000))).status()).isEqualTo(200);

    Answer refused = post(message().put("content", "x".repeat(2001)));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("code").asInt()).isEqualTo(FakeDiscord.INVALID_FORM_BODY);
  }

  @Test
  void refusesMoreThanTenEmbeds() throws IOException {
    ObjectNode message = message();
    ArrayNode embeds = message.putArray("embeds");
    for (int i = 0; i < 11; i++) {
      embeds.addObject().put("title", "embed " + i);
    }

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesATitleOver256() throws IOException {
    ObjectNode message = message();
    withEmbed(message).put("title", "x".repeat(257));

    Answer refused = post(message);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("errors").toString()).contains("title", "256");
  }

  @Test
  void refusesADescriptionOver4096() throws IOException {
    ObjectNode message = message();
    withEmbed(message).put("description", "x".repeat(4097));

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesMoreThan25Fields() throws IOException {
    ObjectNode message = message();
    ArrayNode fields = withEmbed(message).putArray("fields");
    for (int i = 0; i < 26; i++) {
      fields.addObject().put("name", "n" + i).put("value", "v");
    }

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesFieldNamesOver256AndValuesOver1024() throws IOException {
    ObjectNode longName = message();
    withEmbed(longName)
        .putArray("fields")
        .addObject()
        .put("name", "x".repeat(257))
        .put("value", "v");
    ObjectNode longValue = message();
    withEmbed(longValue)
        .putArray("fields")
        .addObject()
        .put("name", "n")
        .put("value", "x".repeat(1025));

    assertThat(post(longName).status()).isEqualTo(400);
    assertThat(post(longValue).status()).isEqualTo(400);
  }

  @Test
  void refusesAnEmptyFieldValue() throws IOException {
    ObjectNode message = message();
    withEmbed(message).putArray("fields").addObject().put("name", "n").put("value", "");

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesAFooterOver2048() throws IOException {
    ObjectNode message = message();
    withEmbed(message).putObject("footer").put("text", "x".repeat(2049));

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesEmbedTextOver6000InAllThoughEachPartFits() throws IOException {
    ObjectNode message = message();
    ObjectNode embed = withEmbed(message);
    embed.put("description", "x".repeat(4000));
    embed.putArray("fields").addObject().put("name", "n").put("value", "y".repeat(1000));
    ObjectNode second = ((ArrayNode) message.get("embeds")).addObject();
    second.put("description", "z".repeat(1000));

    Answer refused = post(message);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString()).contains("6000");
  }

  @Test
  void refusesABodyThatIsNotSentAsJson() throws IOException {
    RequestBody form = RequestBody.create("content=hi", MediaType.get("text/plain"));
    Request request = new Request.Builder().url(discord.url(HOOK)).post(form).build();

    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains(String.valueOf(FakeDiscord.INVALID_JSON));
    }
  }

  @Test
  void refusesAWebhookNameThatMentionsDiscord() throws IOException {
    Answer refused = post(message().put("content", "hi").put("username", "Discord Upkeep"));

    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void refusesAnEmptyMessage() throws IOException {
    Answer nothing = post(message());
    Answer blank = post(message().put("content", ""));

    assertThat(nothing.body().path("code").asInt()).isEqualTo(FakeDiscord.EMPTY_MESSAGE);
    assertThat(blank.body().path("code").asInt()).isEqualTo(FakeDiscord.EMPTY_MESSAGE);
  }

  @Test
  void refusesAMentionTypeThatDiscordDoesNotKnow() throws IOException {
    ObjectNode message = JSON.createObjectNode().put("content", "hi");
    message.putObject("allowed_mentions").putArray("parse").add("all");

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesAMisspeltKeyThatDiscordWouldIgnore() throws IOException {
    ObjectNode message = JSON.createObjectNode().put("content", "hi");
    message.putObject("allowedMentions").putArray("parse");

    assertThat(post(message).status()).isEqualTo(400);
  }

  @Test
  void refusesAUsernameInAnEdit() throws IOException {
    String id = post(message().put("content", "first")).body().path("id").asText();

    Answer edit = send("PATCH", HOOK + "/messages/" + id, message().put("username", "x"));

    assertThat(edit.status()).isEqualTo(400);
  }

  @Test
  void editsAMessageInPlaceAndRefusesAnUnknownOne() throws IOException {
    String id = post(message().put("content", "first")).body().path("id").asText();

    Answer edited = send("PATCH", HOOK + "/messages/" + id, message().put("content", "second"));
    Answer unknown = send("PATCH", HOOK + "/messages/42", message().put("content", "x"));

    assertThat(edited.status()).isEqualTo(200);
    assertThat(discord.messages())
        .singleElement()
        .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("second"));
    assertThat(unknown.body().path("code").asInt()).isEqualTo(DiscordError.UNKNOWN_MESSAGE);
  }

  @Test
  void answersAnUnknownWebhookWithCode10015AndAWrongTokenWith50027() throws IOException {
    ObjectNode message = message().put("content", "x");

    Answer unknown = send("POST", "/api/v10/webhooks/999/tok?wait=true", message);
    Answer badToken = send("POST", "/api/v10/webhooks/111/nope?wait=true", message);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("code").asInt()).isEqualTo(10015);
    assertThat(badToken.status()).isEqualTo(401);
    assertThat(badToken.body().path("code").asInt()).isEqualTo(50027);
  }

  @Test
  void answersRateLimitsWithTheWaitInTheBodyTheHeaderOrBoth() throws IOException {
    discord.failNext(
        new FakeDiscord.Fault.RateLimitInBody(0.25),
        new FakeDiscord.Fault.RateLimitInHeader("2"),
        new FakeDiscord.Fault.RateLimitInBoth(1.5, "2"));

    Answer body = post(message().put("content", "x"));
    Answer header = post(message().put("content", "x"));
    Answer both = post(message().put("content", "x"));

    assertThat(body.status()).isEqualTo(429);
    assertThat(body.body().path("retry_after").asDouble()).isEqualTo(0.25);
    assertThat(body.retryAfter()).isNull();
    assertThat(header.status()).isEqualTo(429);
    assertThat(header.body().path("retry_after").isMissingNode()).isTrue();
    assertThat(header.retryAfter()).isEqualTo("2");
    assertThat(both.body().path("retry_after").asDouble()).isEqualTo(1.5);
    assertThat(both.retryAfter()).isEqualTo("2");
    assertThat(discord.messages()).isEmpty();
  }

  @Test
  void answersServerErrorsAndDropsConnections() throws IOException {
    discord.failNext(new FakeDiscord.Fault.ServerError(502), new FakeDiscord.Fault.Disconnect());

    assertThat(post(message().put("content", "x")).status()).isEqualTo(502);
    assertThatThrownBy(() -> post(message().put("content", "x"))).isInstanceOf(IOException.class);
    assertThat(post(message().put("content", "x")).status()).isEqualTo(200);
  }

  @Test
  void pingsOnlyWhatAllowedMentionsAllows() {
    ObjectNode guarded = message().put("content", "<@&123> <@456> @everyone");
    ObjectNode unguarded = JSON.createObjectNode().put("content", "<@&123> <@456> @everyone");
    ObjectNode allowedRole = JSON.createObjectNode().put("content", "<@&123> <@456> @everyone");
    ObjectNode mentions = allowedRole.putObject("allowed_mentions");
    mentions.putArray("parse");
    mentions.putArray("roles").add("123");

    assertThat(FakeDiscord.pings(guarded)).isEmpty();
    assertThat(FakeDiscord.pings(unguarded)).containsExactly("user:456", "role:123", "everyone");
    assertThat(FakeDiscord.pings(allowedRole)).containsExactly("role:123");
  }
}
