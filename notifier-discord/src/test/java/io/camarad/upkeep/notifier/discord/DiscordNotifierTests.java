package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.notifier.discord.FakeDiscord.Exchange;
import io.camarad.upkeep.notifier.discord.FakeDiscord.Fault;
import io.camarad.upkeep.testkit.LogCapture;
import io.camarad.upkeep.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against the fake Discord, through the whole start-to-end flow. */
class DiscordNotifierTests {
  private static final String TOKEN = "planted-webhook-token-7f3a9c";
  private static final String ALERTS_TOKEN = "alerts-token-51d0e2";
  private static final String ROLE = "123456789012345678";

  private FakeDiscord discord;
  private MutableClock clock;
  private RecordingServiceCalls services;
  private LogCapture logs;
  private Map<String, String> environment;
  private final DiscordNotifier notifier = new DiscordNotifier();

  @BeforeEach
  void start() throws Exception {
    discord = new FakeDiscord();
    clock = MutableClock.at(Reports.STARTED);
    services = new RecordingServiceCalls(clock, 5);
    logs = LogCapture.start();
    environment = new HashMap<>();
    environment.put("DISCORD_WEBHOOK_URL", discord.createWebhook("1001", TOKEN));
    environment.put("DISCORD_ALERTS_WEBHOOK_URL", discord.createWebhook("1002", ALERTS_TOKEN));
  }

  @AfterEach
  void stop() {
    logs.close();
    assertThat(discord.ownAnswerErrors()).as("the fake's own answers").isEmpty();
    assertThat(discord.exchanges())
        .filteredOn(exchange -> exchange.body() != null)
        .allSatisfy(
            exchange ->
                assertThat(exchange.body().path("allowed_mentions").path("parse"))
                    .as("allowed_mentions.parse of every body")
                    .isNotNull()
                    .isEmpty());
    assertThat(services.services()).allMatch("discord"::equals);
    discord.close();
  }

  private static Map<String, Object> ops() {
    return Map.of("url", "${DISCORD_WEBHOOK_URL}", "name", "ops");
  }

  private static Map<String, Object> alerts() {
    return Map.of(
        "url", "${DISCORD_ALERTS_WEBHOOK_URL}",
        "name", "alerts",
        "when", "failure",
        "mention", Map.of("roles", List.of(ROLE)));
  }

  private TestContext context(Map<String, Object> settings) {
    Settings bound = EngineSettings.bind(notifier.settingsSpec(), settings, environment);
    return new TestContext(bound, services, clock, "0.1.0");
  }

  private TestContext context(List<Map<String, Object>> webhooks) {
    return context(Map.of("webhooks", webhooks));
  }

  private void run(TestContext context, RunReport report) throws Exception {
    notifier.validate(context.settings());
    notifier.runStarted(context, Reports.started());
    notifier.runFinished(context, report);
  }

  private List<String> methods() {
    return discord.exchanges().stream().map(Exchange::method).toList();
  }

  private List<Exchange> to(String webhookId) {
    return discord.exchanges().stream()
        .filter(exchange -> exchange.path().contains("/webhooks/" + webhookId + "/"))
        .toList();
  }

  private static String title(JsonNode message) {
    return message.path("embeds").get(0).path("title").asText();
  }

  @Test
  void isFoundByTheServiceLoaderAsTypeDiscord() {
    List<String> types =
        ServiceLoader.load(Notifier.class).stream().map(provider -> provider.get().type()).toList();

    assertThat(types).contains("discord");
  }

  @Test
  void postsOnceWhenTheRunStartsAndEditsThatMessageWhenItEnds() throws Exception {
    run(context(List.of(ops())), Reports.succeeded());

    assertThat(methods()).containsExactly("POST", "PATCH");
    assertThat(discord.exchanges()).allMatch(Exchange::accepted);
    assertThat(discord.messages())
        .singleElement()
        .satisfies(
            message -> {
              assertThat(title(message)).contains("succeeded");
              assertThat(message.path("edited_timestamp").isNull()).isFalse();
            });
  }

  @Test
  void postsOnlyAtTheEndWhenPostOnStartIsOff() throws Exception {
    run(context(Map.of("webhooks", List.of(ops()), "postOnStart", false)), Reports.succeeded());

    assertThat(methods()).containsExactly("POST");
    assertThat(discord.messages())
        .singleElement()
        .satisfies(message -> assertThat(title(message)).contains("succeeded"));
  }

  @Test
  void postsANewMessageWhenTheStartMessageCannotBeEdited() throws Exception {
    TestContext context = context(List.of(ops()));
    notifier.runStarted(context, Reports.started());
    discord.deleteAllMessages();

    notifier.runFinished(context, Reports.succeeded());

    assertThat(methods()).containsExactly("POST", "PATCH", "POST");
    assertThat(discord.exchanges().get(1).code()).isEqualTo(DiscordError.UNKNOWN_MESSAGE);
    assertThat(discord.messages())
        .singleElement()
        .satisfies(message -> assertThat(title(message)).contains("succeeded"));
    assertThat(logs.lines("WARN"))
        .singleElement()
        .asString()
        .contains("webhook 'ops'", "could not edit the start message, posting a new one");
  }

  @Test
  void postsANewMessageWhenEditsKeepFailingWithServerErrors() throws Exception {
    TestContext context = context(List.of(ops()));
    notifier.runStarted(context, Reports.started());
    discord.failNext(
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500));

    notifier.runFinished(context, Reports.succeeded());

    assertThat(methods())
        .containsExactly("POST", "PATCH", "PATCH", "PATCH", "PATCH", "PATCH", "POST");
    assertThat(discord.messages())
        .hasSize(2)
        .last()
        .satisfies(message -> assertThat(title(message)).contains("succeeded"));
  }

  @Test
  void postsAtTheEndWhenTheStartAnswerCarriedNoMessageId() throws Exception {
    discord.failNext(new Fault.GarbageOk());

    run(context(List.of(ops())), Reports.succeeded());

    assertThat(methods()).containsExactly("POST", "POST");
    assertThat(discord.messages())
        .singleElement()
        .satisfies(message -> assertThat(title(message)).contains("succeeded"));
  }

  @Test
  void sendsEveryRunToOpsAndOnlyFailuresToAlerts() throws Exception {
    TestContext context = context(List.of(ops(), alerts()));

    run(context, Reports.succeeded());
    List<Exchange> afterSuccess = discord.exchanges();
    run(context, Reports.failedRun());

    assertThat(afterSuccess).allMatch(exchange -> exchange.path().contains("/1001/"));
    assertThat(to("1002")).extracting(Exchange::method).containsExactly("POST");
    assertThat(FakeDiscord.pings(to("1002").get(0).body())).containsExactly("role:" + ROLE);
    assertThat(to("1001"))
        .extracting(Exchange::method)
        .containsExactly("POST", "PATCH", "POST", "PATCH");
    assertThat(to("1001")).allSatisfy(e -> assertThat(FakeDiscord.pings(e.body())).isEmpty());
  }

  @Test
  void pingsOnlyOnTheConfiguredStatesAndPostsAPingAsANewMessage() throws Exception {
    Map<String, Object> pinging =
        Map.of(
            "url",
            "${DISCORD_WEBHOOK_URL}",
            "name",
            "ops",
            "mention",
            Map.of("users", List.of("42"), "on", List.of("failure")));
    TestContext context = context(List.of(pinging));

    run(context, Reports.succeeded());
    List<String> successMethods = methods();
    run(context, Reports.failedRun());

    assertThat(successMethods).containsExactly("POST", "PATCH");
    assertThat(methods().subList(2, methods().size())).containsExactly("POST", "POST", "DELETE");
    List<List<String>> pings =
        discord.exchanges().stream()
            .filter(e -> e.body() != null)
            .map(e -> FakeDiscord.pings(e.body()))
            .toList();
    assertThat(pings).containsExactly(List.of(), List.of(), List.of(), List.of("user:42"));
    assertThat(discord.messages())
        .hasSize(2)
        .extracting(DiscordNotifierTests::title)
        .satisfiesExactly(
            first -> assertThat(first).contains("succeeded"),
            second -> assertThat(second).contains("failed"));
  }

  @Test
  void waitsAsLongAsTheRateLimitBodySays() throws Exception {
    discord.failNext(new Fault.RateLimitInBody(0.25));

    run(context(List.of(ops())), Reports.succeeded());

    assertThat(services.waits()).containsExactly(Duration.ofMillis(250));
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void waitsAsLongAsTheRetryAfterHeaderSaysWhenTheBodyIsNotDiscords() throws Exception {
    discord.failNext(new Fault.RateLimitInHeader("1.5"));

    run(context(List.of(ops())), Reports.succeeded());

    assertThat(services.waits()).containsExactly(Duration.ofMillis(1_500));
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void prefersTheBodysFractionalWaitWhenBothAreGiven() throws Exception {
    discord.failNext(new Fault.RateLimitInBoth(0.75, "1"));

    run(context(List.of(ops())), Reports.succeeded());

    assertThat(services.waits()).containsExactly(Duration.ofMillis(750));
  }

  @Test
  void givesUpAtOnceOnARateLimitLongerThanTheBudget() throws Exception {
    TestContext context = context(Map.of("webhooks", List.of(ops()), "postOnStart", false));
    discord.failNext(new Fault.RateLimitInBody(3_600));

    Throwable failure = catchThrowable(() -> notifier.runFinished(context, Reports.succeeded()));

    assertThat(failure)
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("webhook 'ops'")
        .hasMessageContaining("rate limited");
    assertThat(discord.exchanges()).hasSize(1);
    assertThat(services.waits()).isEmpty();
    assertThat(logs.lines("WARN")).singleElement().asString().contains("webhook 'ops'");
  }

  @Test
  void stopsRetryingWhenTheBudgetIsSpent() throws Exception {
    Map<String, Object> settings =
        Map.of("webhooks", List.of(ops()), "postOnStart", false, "retryBudget", "PT1S");
    TestContext context = context(settings);
    discord.failNext(new Fault.RateLimitInBody(0.6), new Fault.RateLimitInBody(0.6));

    Throwable failure = catchThrowable(() -> notifier.runFinished(context, Reports.succeeded()));

    assertThat(failure).isInstanceOf(DeliveryException.class).hasMessageContaining("retryBudget");
    assertThat(discord.exchanges()).hasSize(2);
  }

  @Test
  void retriesServerErrorsAndDroppedConnectionsWithBackoff() throws Exception {
    discord.failNext(new Fault.ServerError(502), new Fault.Disconnect());

    run(context(Map.of("webhooks", List.of(ops()), "postOnStart", false)), Reports.succeeded());

    assertThat(services.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(methods()).containsExactly("POST", "POST", "POST");
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void neverRetriesAnUnknownWebhook() throws Exception {
    environment.put("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/9999/" + TOKEN));

    Throwable failure = catchThrowable(() -> run(context(List.of(ops())), Reports.succeeded()));

    assertThat(discord.exchanges()).extracting(Exchange::code).containsExactly(10015);
    assertThat(services.waits()).isEmpty();
    assertThat(failure)
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("1 of 1")
        .hasMessageContaining("code 10015");
    assertThat(logs.lines("WARN")).hasSize(2).allMatch(line -> line.contains("webhook 'ops'"));
  }

  @Test
  void doesNotPostAnewWhenTheEditFindsTheWebhookDeleted() throws Exception {
    TestContext context = context(List.of(ops()));
    notifier.runStarted(context, Reports.started());
    discord.deleteWebhook("1001");

    Throwable failure = catchThrowable(() -> notifier.runFinished(context, Reports.succeeded()));

    assertThat(methods()).containsExactly("POST", "PATCH");
    assertThat(failure).hasMessageContaining("code 10015").hasMessageContaining("create one");
  }

  @Test
  void editsTheStartMessageWhenTheMessageThatPingsCannotBePosted() throws Exception {
    TestContext context =
        context(
            List.of(
                Map.of(
                    "url", "${DISCORD_WEBHOOK_URL}", "mention", Map.of("roles", List.of(ROLE)))));
    notifier.runStarted(context, Reports.started());
    discord.failNext(
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500),
        new Fault.ServerError(500));

    notifier.runFinished(context, Reports.failedRun());

    assertThat(methods()).containsExactly("POST", "POST", "POST", "POST", "POST", "POST", "PATCH");
    assertThat(discord.messages())
        .singleElement()
        .satisfies(message -> assertThat(title(message)).contains("failed"));
  }

  @Test
  void neverRetriesAnInvalidTokenAndNamesAnUnnamedWebhookByItsIndex() throws Exception {
    environment.put("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1001/wrong-token"));
    Map<String, Object> unnamed = Map.of("url", "${DISCORD_WEBHOOK_URL}");
    TestContext context = context(Map.of("webhooks", List.of(unnamed), "postOnStart", false));

    Throwable failure = catchThrowable(() -> notifier.runFinished(context, Reports.succeeded()));

    assertThat(discord.exchanges()).extracting(Exchange::code).containsExactly(50027);
    assertThat(failure).hasMessageContaining("webhook #0").hasMessageContaining("code 50027");
  }

  @Test
  void keepsPostingToTheOtherWebhooksWhenOneFails() throws Exception {
    environment.put("DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/9999/gone"));

    Throwable failure =
        catchThrowable(() -> run(context(List.of(ops(), alerts())), Reports.failedRun()));

    assertThat(failure).hasMessageContaining("1 of 2").hasMessageContaining("webhook 'ops'");
    assertThat(to("1002")).singleElement().satisfies(e -> assertThat(e.accepted()).isTrue());
  }

  @Test
  void reachesTheApiAtTheConfiguredBaseUrl() throws Exception {
    environment.put("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1001/" + TOKEN);
    Map<String, Object> settings =
        Map.of(
            "webhooks",
            List.of(ops()),
            "apiBaseUrl",
            discord.url("/api/v10"),
            "postOnStart",
            false);

    run(context(settings), Reports.succeeded());

    assertThat(discord.exchanges())
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("/api/v10/webhooks/1001/" + TOKEN));
  }

  @Test
  void neverShowsTheWebhookUrlInLogsOrExceptions() throws Exception {
    environment.put("DISCORD_ALERTS_WEBHOOK_URL", discord.url("/api/webhooks/9999/" + TOKEN));
    TestContext context = context(List.of(ops(), alerts()));
    discord.failNext(
        new Fault.Disconnect(),
        new Fault.Disconnect(),
        new Fault.Disconnect(),
        new Fault.Disconnect(),
        new Fault.Disconnect(),
        new Fault.ServerError(503));

    Throwable failure = catchThrowable(() -> run(context, Reports.failedRun()));

    List<String> texts = new ArrayList<>(logs.lines());
    texts.add(stackTrace(failure));
    services.failures().forEach(f -> texts.add(stackTrace(f)));
    assertThat(services.failures())
        .isNotEmpty()
        .anySatisfy(f -> assertThat(f.getCause()).isInstanceOf(RedactedException.class));
    assertThat(failure).isInstanceOf(DeliveryException.class);
    assertThat(texts).isNotEmpty().noneMatch(text -> text.contains(TOKEN));
    assertThat(texts).noneMatch(text -> text.contains("/webhooks/"));
  }

  @Test
  void refusesANonWebhookUrlWithoutShowingIt() {
    environment.put("DISCORD_WEBHOOK_URL", "https://example.com/hooks/" + TOKEN);

    assertThatThrownBy(() -> notifier.validate(context(List.of(ops())).settings()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DISCORD_WEBHOOK_URL is not a Discord webhook URL")
        .hasMessageNotContaining(TOKEN)
        .extracting(e -> ((SettingsException) e).key())
        .isEqualTo("webhooks.0.url");
  }

  @Test
  void refusesAUsernameThatDiscordWouldRefuse() {
    Map<String, Object> settings = Map.of("webhooks", List.of(ops()), "username", "Discord bot");

    assertThatThrownBy(() -> notifier.validate(context(settings).settings()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("without 'discord' or 'clyde'");
  }

  @Test
  void refusesMentionIdsThatAreNotDiscordIds() {
    Map<String, Object> webhook =
        Map.of("url", "${DISCORD_WEBHOOK_URL}", "mention", Map.of("roles", List.of("@oncall")));

    assertThatThrownBy(() -> notifier.validate(context(List.of(webhook)).settings()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("'@oncall' is not a Discord id")
        .extracting(e -> ((SettingsException) e).key())
        .isEqualTo("webhooks.0.mention.roles");
  }

  @Test
  void refusesAnUnknownRunConditionAndAnEmptyWebhookList() {
    Map<String, Object> when = Map.of("url", "${DISCORD_WEBHOOK_URL}", "when", "sometimes");
    Map<String, Object> on =
        Map.of(
            "url",
            "${DISCORD_WEBHOOK_URL}",
            "mention",
            Map.of("users", List.of("42"), "on", List.of("sometimes")));

    assertThatThrownBy(() -> context(List.of(when)))
        .hasMessageContaining("'sometimes' is not one of always, changes, success, failure");
    assertThatThrownBy(() -> notifier.validate(context(List.of(on)).settings()))
        .hasMessageContaining("'sometimes' is not a run condition; use one of always, changes")
        .extracting(e -> ((SettingsException) e).key())
        .isEqualTo("webhooks.0.mention.on");
    assertThatThrownBy(() -> notifier.validate(context(List.of()).settings()))
        .hasMessageContaining("no webhook configured");
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
