package io.camarad.upkeep.notifier.discord;

import static io.camarad.upkeep.notifier.discord.Reports.failed;
import static io.camarad.upkeep.notifier.discord.Reports.report;
import static io.camarad.upkeep.notifier.discord.Reports.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.notifier.discord.WebhookMessage.Embed;
import io.camarad.upkeep.notifier.discord.WebhookMessage.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageComposerTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MentionRule ON_CALL_ON_FAILURE =
      new MentionRule(List.of(), List.of("123456789012345678"), Set.of(RunCondition.FAILURE));

  private final MessageComposer composer = new MessageComposer("0.1.0", "Upkeep");

  private static Embed embed(WebhookMessage message) {
    assertThat(message.embeds()).hasSize(1);
    return message.embeds().get(0);
  }

  private static JsonNode json(WebhookMessage message) {
    return JSON.valueToTree(message);
  }

  /** What Discord's schema and Discord's own limits say about a body; empty if it would pass. */
  private static List<String> refusals(JsonNode body) {
    List<String> refusals = new ArrayList<>(DiscordSpec.get().executeRequestErrors(body));
    refusals.addAll(FakeDiscord.limitRefusals(body));
    return refusals;
  }

  @Test
  void showsTheRunStateAsTitleAndColour() {
    Embed succeeded = embed(composer.finished(Reports.succeeded(), MentionRule.nobody()));
    Embed failed = embed(composer.finished(Reports.failedRun(), MentionRule.nobody()));

    assertThat(succeeded.title()).contains("succeeded", "camarad-nightly");
    assertThat(failed.title()).contains("failed", "camarad-nightly");
    assertThat(succeeded.color()).isEqualTo(StatusLabels.color(RunStatus.SUCCEEDED));
    assertThat(failed.color())
        .isEqualTo(StatusLabels.color(RunStatus.FAILED))
        .isNotEqualTo(succeeded.color());
  }

  @Test
  void describesHostRunIdModeAndDuration() {
    Embed embed = embed(composer.finished(Reports.succeeded(), MentionRule.nobody()));

    assertThat(embed.description())
        .contains("web-1.example.net", Reports.RUN_ID, "apply", "4 min 12 s");
    assertThat(embed.timestamp()).isEqualTo("2026-12-03T03:04:12Z");
  }

  @Test
  void givesEachTaskAFieldWithOutcomeDurationSummaryAndUsage() {
    Embed embed = embed(composer.finished(Reports.succeeded(), MentionRule.nobody()));

    Field pinecone = embed.fields().get(1);
    assertThat(embed.fields()).hasSize(4);
    assertThat(pinecone.name()).contains("pinecone", "applied", "12.0 s");
    assertThat(pinecone.value())
        .contains("embedded 631 pages, deleted 9", "deleted 9, embedded 631");
  }

  @Test
  void putsFailuresFirstThenWhatTheyCausedThenTheRestInRunOrder() {
    Embed embed = embed(composer.finished(Reports.failedRun(), MentionRule.nobody()));

    assertThat(embed.fields())
        .extracting(Field::name)
        .satisfiesExactly(
            name -> assertThat(name).contains("pinecone", "failed"),
            name -> assertThat(name).contains("sitemap", "not run"),
            name -> assertThat(name).contains("mongo"),
            name -> assertThat(name).contains("jwt"));
    assertThat(embed.fields().get(0).value())
        .isEqualTo(
            "failed: pinecone: upsert refused: HTTP 400 (dimension mismatch)\n"
                + "**Error** ServiceException");
  }

  @Test
  void showsTheErrorMessageWhenTheSummaryDoesNotHoldIt() {
    TaskReport task =
        new TaskReport(
            "jwt",
            TaskStatus.FAILED,
            "rotation failed",
            List.of(),
            java.time.Duration.ZERO,
            Map.of(),
            new ErrorInfo("IOException", "disk full", List.of()),
            "test");

    assertThat(MessageComposer.fieldValue(task, 1_024))
        .isEqualTo("rotation failed\n**Error** IOException: disk full");
  }

  @Test
  void cutsALongErrorToFitItsFieldWithAVisibleMarker() {
    TaskReport task =
        new TaskReport(
            "pinecone",
            TaskStatus.FAILED,
            "upsert failed",
            List.of(),
            java.time.Duration.ZERO,
            Map.of(),
            new ErrorInfo("E", "boom ".repeat(2_000), List.of()),
            "test");

    Field field =
        embed(composer.finished(report(RunStatus.FAILED, List.of(task)), MentionRule.nobody()))
            .fields()
            .get(0);

    assertThat(field.value())
        .hasSizeLessThanOrEqualTo(DiscordLimits.FIELD_VALUE)
        .startsWith("upsert failed\n**Error** E: boom boom")
        .endsWith(SafeText.MARKER);
  }

  @Test
  void keepsTheErrorVisibleWhenTheSummaryIsHuge() {
    TaskReport task =
        new TaskReport(
            "pinecone",
            TaskStatus.FAILED,
            "s".repeat(5_000),
            List.of(),
            java.time.Duration.ZERO,
            Map.of(),
            new ErrorInfo("IOException", "disk full", List.of()),
            "test");

    String value = MessageComposer.fieldValue(task, 300);

    assertThat(value).hasSizeLessThanOrEqualTo(300).contains("disk full");
  }

  @Test
  void showsTwentyFiveTasksAsTwentyFiveFields() {
    RunReport report = report(RunStatus.SUCCEEDED, tasks(25));

    Embed embed = embed(composer.finished(report, MentionRule.nobody()));

    assertThat(embed.fields()).hasSize(25).noneMatch(f -> f.name().startsWith("and "));
  }

  @Test
  void summarisesTasksBeyondTheFieldLimitAsAndNMore() {
    Embed embed =
        embed(composer.finished(report(RunStatus.SUCCEEDED, tasks(26)), MentionRule.nobody()));
    Embed many =
        embed(composer.finished(report(RunStatus.SUCCEEDED, tasks(100)), MentionRule.nobody()));

    assertThat(embed.fields()).hasSize(25);
    assertThat(embed.fields().get(24).name()).isEqualTo("and 2 more");
    assertThat(many.fields()).hasSize(25);
    assertThat(many.fields().get(24).name()).isEqualTo("and 76 more");
    assertThat(many.fields().get(24).value()).isEqualTo("76 applied");
  }

  @Test
  void staysWithinSixThousandCharactersWhenEveryTextIsHuge() {
    List<TaskReport> tasks = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tasks.add(failed("task-" + i + "-" + "n".repeat(300), "e".repeat(5_000)));
    }
    ErrorInfo runError = new ErrorInfo("X", "r".repeat(10_000), List.of());
    RunReport report = report("p".repeat(500), RunStatus.FAILED, tasks, runError);

    WebhookMessage message = composer.finished(report, ON_CALL_ON_FAILURE);

    assertThat(embed(message).textLength()).isLessThanOrEqualTo(DiscordLimits.EMBED_TOTAL);
    assertThat(embed(message).title()).hasSize(DiscordLimits.TITLE).endsWith(SafeText.MARKER);
    assertThat(refusals(json(message))).isEmpty();
  }

  @Test
  void composesMessagesDiscordAcceptsForAnyReport() {
    Random random = new Random(20261203);
    for (int round = 0; round < 150; round++) {
      RunReport report = randomReport(random);
      MentionRule rule = random.nextBoolean() ? ON_CALL_ON_FAILURE : MentionRule.nobody();

      JsonNode body = json(composer.finished(report, rule));

      assertThat(refusals(body)).as("round %d", round).isEmpty();
      assertThat(body.path("allowed_mentions").path("parse").isEmpty()).isTrue();
    }
  }

  @Test
  void carriesTheEngineVersionInTheFooter() {
    Embed embed = embed(composer.finished(Reports.succeeded(), MentionRule.nobody()));

    assertThat(embed.footer().text()).isEqualTo("Upkeep 0.1.0");
  }

  @Test
  void nothingATaskWritesCanPing() {
    TaskReport loud =
        task("mongo", TaskStatus.APPLIED, "@everyone look <@&123456789012345678> <@42>");
    WebhookMessage message =
        composer.finished(report(RunStatus.SUCCEEDED, List.of(loud)), ON_CALL_ON_FAILURE);

    JsonNode body = json(message);

    assertThat(FakeDiscord.pings(body)).isEmpty();
    assertThat(body.path("allowed_mentions").toString()).isEqualTo("{\"parse\":[]}");
    assertThat(body.toString()).doesNotContain("@everyone", "<@&123456789012345678>", "<@42>");
  }

  @Test
  void pingsTheConfiguredRoleOnlyWhenTheRunFailed() {
    JsonNode success = json(composer.finished(Reports.succeeded(), ON_CALL_ON_FAILURE));
    JsonNode failure = json(composer.finished(Reports.failedRun(), ON_CALL_ON_FAILURE));

    assertThat(FakeDiscord.pings(success)).isEmpty();
    assertThat(success.has("content")).isFalse();
    assertThat(FakeDiscord.pings(failure)).containsExactly("role:123456789012345678");
    assertThat(failure.path("allowed_mentions").path("parse").isEmpty()).isTrue();
    assertThat(failure.path("allowed_mentions").path("users").isEmpty()).isTrue();
  }

  @Test
  void pingsUsersAndRolesOnEveryConfiguredState() {
    MentionRule rule = new MentionRule(List.of("42"), List.of("43"), Set.of(RunCondition.CHANGES));

    JsonNode nothing = json(composer.finished(report(RunStatus.NOTHING_TO_DO, List.of()), rule));
    JsonNode applied = json(composer.finished(Reports.succeeded(), rule));

    assertThat(FakeDiscord.pings(nothing)).isEmpty();
    assertThat(FakeDiscord.pings(applied)).containsExactly("user:42", "role:43");
  }

  @Test
  void announcesTheStartWithoutPingingAnyone() {
    JsonNode body = json(composer.started(Reports.started()));

    assertThat(body.path("embeds").get(0).path("title").asText()).contains("running");
    assertThat(body.path("embeds").get(0).path("description").asText())
        .contains("mongo, pinecone, jwt, sitemap", Reports.RUN_ID);
    assertThat(body.path("username").asText()).isEqualTo("Upkeep");
    assertThat(FakeDiscord.pings(body)).isEmpty();
    assertThat(refusals(body)).isEmpty();
  }

  private static List<TaskReport> tasks(int count) {
    List<TaskReport> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(task("task-" + i, TaskStatus.APPLIED, "did thing " + i));
    }
    return tasks;
  }

  private static RunReport randomReport(Random random) {
    List<TaskReport> tasks = new ArrayList<>();
    int count = random.nextInt(60);
    TaskStatus[] statuses = TaskStatus.values();
    for (int i = 0; i < count; i++) {
      TaskStatus status = statuses[random.nextInt(statuses.length)];
      ErrorInfo error =
          status.failed() ? new ErrorInfo("E", randomText(random, 3_000), List.of()) : null;
      tasks.add(
          new TaskReport(
              randomText(random, 80) + i,
              status,
              randomText(random, 3_000),
              List.of(),
              java.time.Duration.ofMillis(random.nextInt(10_000_000)),
              Map.of("n", (long) random.nextInt(1000)),
              error,
              "test"));
    }
    RunStatus status = RunStatus.values()[random.nextInt(RunStatus.values().length)];
    ErrorInfo error =
        status.failed() ? new ErrorInfo("E", randomText(random, 8_000), List.of()) : null;
    return report(randomText(random, 400), status, tasks, error);
  }

  private static String randomText(Random random, int maxLength) {
    String[] pieces = {"a", "b ", "\n", "🚀", "é", "@everyone", "<@&1>", "`", "*", "ü", " "};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    while (text.length() < length) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
