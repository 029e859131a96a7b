package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingTests {
  @TempDir Path stateDir;
  @RegisterExtension LogCapture logs = new LogCapture();

  /** Records what it hears; optionally fails. */
  static final class RecordingNotifier implements Notifier {
    final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final String type;
    private final boolean fail;

    RecordingNotifier(String type, boolean fail) {
      this.type = type;
      this.fail = fail;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public SettingsSpec settingsSpec() {
      return SettingsSpec.builder().string("channel", "general", "where to post").build();
    }

    @Override
    public void runStarted(NotifierContext context, RunStarted started) {
      heard.add("started " + started.runId() + " #" + context.settings().string("channel"));
    }

    @Override
    public void runFinished(NotifierContext context, RunReport report) {
      if (fail) {
        throw new IllegalStateException("webhook down");
      }
      heard.add("finished " + report.status());
    }
  }

  @Test
  void embedsWithDiscoveryOffAndTasksHandedIn() throws Exception {
    FakeTask task = FakeTasks.succeeding("my-task");
    try (Upkeep upkeep =
        Upkeep.builder()
            .discovery(false)
            .task(task)
            .stateDirectory(stateDir)
            .environment(Map.of())
            .build()) {
      RunReport plan = upkeep.plan();
      RunReport applied = upkeep.apply();

      assertThat(plan.status()).isEqualTo(RunStatus.PLANNED);
      assertThat(applied.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(applied.protocol()).isEqualTo("upkeep");
      assertThat(applied.engineVersion()).isEqualTo(Upkeep.version());
      assertThat(upkeep.tasks())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.source()).isEqualTo("embedded");
                assertThat(t.enabled()).isTrue();
              });
    }
  }

  @Test
  void notifiersHearStartAndFinishOfAppliesAndTheirFailuresOnlyWarn() throws Exception {
    RecordingNotifier good = new RecordingNotifier("good", false);
    RecordingNotifier bad = new RecordingNotifier("bad", true);
    Map<String, Object> protocol =
        Map.of(
            "notifiers",
            List.of(
                Map.of("type", "good", "settings", Map.of("channel", "ops")),
                Map.of("type", "bad")));
    try (Upkeep upkeep =
        Fixtures.engine(stateDir, protocol, FakeTasks.succeeding("a"))
            .notifier(good)
            .notifier(bad)
            .build()) {
      upkeep.plan();
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(good.heard)
          .containsExactly("started " + report.runId() + " #ops", "finished SUCCEEDED");
    }
    assertThat(logs.lines("WARN"))
        .anySatisfy(l -> assertThat(l).contains("Notifier bad").contains("webhook down"));
  }

  /** A notifier whose service answers runStarted only once the first task has run. */
  private static final class SlowToStartNotifier implements Notifier {
    final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch taskRan = new CountDownLatch(1);

    @Override
    public String type() {
      return "slow";
    }

    @Override
    public void runStarted(NotifierContext context, RunStarted started) throws Exception {
      heard.add("start called");
      boolean ranMeanwhile = taskRan.await(30, TimeUnit.SECONDS);
      heard.add(ranMeanwhile ? "start done after the task ran" : "start done, task waited");
    }

    @Override
    public void runFinished(NotifierContext context, RunReport report) {
      heard.add("finished " + report.status());
    }
  }

  @Test
  void aSlowRunStartedDoesNotHoldUpTheTasksAndStillComesBeforeRunFinished() throws Exception {
    SlowToStartNotifier slow = new SlowToStartNotifier();
    FakeTask a = FakeTasks.succeeding("a").onApply(ctx -> slow.taskRan.countDown());
    try (Upkeep upkeep = Fixtures.engine(stateDir, a).notifier(slow).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(slow.heard)
          .containsExactly("start called", "start done after the task ran", "finished SUCCEEDED");
    }
  }

  @Test
  void notifierThatRequiresAnUnsetVariableIsSkippedVisibly() throws Exception {
    RecordingNotifier discord = new RecordingNotifier("discord", false);
    Map<String, Object> protocol =
        Map.of(
            "notifiers",
            List.of(
                Map.of(
                    "type",
                    "discord",
                    "requires",
                    List.of("DISCORD_WEBHOOK_URL"),
                    "settings",
                    Map.of("channel", "${DISCORD_WEBHOOK_URL}"))));
    try (Upkeep upkeep =
        Fixtures.engine(stateDir, protocol, FakeTasks.succeeding("a")).notifier(discord).build()) {
      upkeep.apply();

      assertThat(discord.heard).isEmpty();
      assertThat(upkeep.notifiers())
          .containsExactly(
              new NotifierStatus(
                  "notifiers.0", "discord", false, "not configured: set DISCORD_WEBHOOK_URL"));
    }
    assertThat(logs.lines("INFO"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("discord")
                    .contains("not configured: set DISCORD_WEBHOOK_URL"));
  }

  @Test
  void listenersHearTheRunAsItGoes() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    RunListener listener =
        new RunListener() {
          @Override
          public void runStarted(RunStarted s) {
            events.add("run " + s.mode());
          }

          @Override
          public void taskStarted(String id, RunMode m) {
            events.add("start " + id);
          }

          @Override
          public void taskProgress(String id, String line) {
            events.add("progress " + id + " " + line);
          }

          @Override
          public void taskFinished(TaskReport r) {
            events.add("done " + r.taskId() + " " + r.status());
          }

          @Override
          public void runFinished(RunReport r) {
            events.add("end " + r.status());
          }
        };
    FakeTask a = FakeTasks.succeeding("a").onApply(ctx -> ctx.progress().report(1, 2, "pages"));
    try (Upkeep upkeep = Fixtures.engine(stateDir, a).listener(listener).build()) {
      upkeep.apply();
    }

    assertThat(events)
        .containsExactly(
            "run APPLY", "start a", "progress a 1/2 pages", "done a APPLIED", "end SUCCEEDED");
  }

  @Test
  void healthProbesEveryEnabledTask() throws Exception {
    try (Upkeep upkeep = Fixtures.engine(stateDir, FakeTasks.succeeding("a")).build()) {
      assertThat(upkeep.health()).containsOnlyKeys("a");
      assertThat(upkeep.health().get("a").status()).isEqualTo(Health.Status.UP);
    }
  }

  @Test
  void versionComesFromTheBuild() {
    assertThat(Upkeep.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }
}
