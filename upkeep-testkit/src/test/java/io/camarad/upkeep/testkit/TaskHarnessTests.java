package io.camarad.upkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskHarnessTests {
  @TempDir Path stateDir;

  @Test
  void appliesOnceThenReportsUpToDateUntilTheInputChanges() {
    FakeTask task = FakeTasks.succeeding("a");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();

    RunResult first = h.apply();
    RunResult second = h.apply();
    task.input("v2");
    RunResult third = h.apply();

    assertThat(first.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(first.outcome().summary()).isEqualTo("applied input v1");
    assertThat(second.status()).isEqualTo(TaskStatus.UP_TO_DATE);
    assertThat(third.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(task.applies()).isEqualTo(2);
    assertThat(h.state()).containsEntry("applied", "v2");
    assertThat(h.record().fingerprints()).containsEntry("input", "v2");
  }

  @Test
  void stateSurvivesAcrossHarnessesOnTheSameDirectory() {
    TaskHarness.forTask(FakeTasks.succeeding("a")).stateDirectory(stateDir).build().apply();

    RunResult again =
        TaskHarness.forTask(FakeTasks.succeeding("a")).stateDirectory(stateDir).build().apply();

    assertThat(again.status()).isEqualTo(TaskStatus.UP_TO_DATE);
  }

  @Test
  void failedApplyIsUndoneAndItsErrorKept() {
    FakeTask task = FakeTasks.failing("b");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();

    RunResult r = h.apply();

    assertThat(r.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
    assertThat(r.error())
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo("fake task 'b' failed on purpose");
    assertThat(task.undos()).isEqualTo(1);
    assertThat(h.state()).doesNotContainKey("partial");
    assertThat(h.record().lastSuccess()).isNull();
    assertThatThrownBy(r::outcome).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void planChangesNothingAndRefusesStateWrites() throws Exception {
    UpkeepTask writesDuringPlan =
        new UpkeepTask() {
          @Override
          public String id() {
            return "sneaky";
          }

          @Override
          public TaskPlan plan(TaskContext context) {
            context.state().put("k", "v");
            return TaskPlan.changes("x", java.util.List.of(), Map.of());
          }

          @Override
          public TaskOutcome apply(TaskContext context, TaskPlan plan) {
            return TaskOutcome.of("done");
          }
        };
    TaskHarness h = TaskHarness.forTask(writesDuringPlan).stateDirectory(stateDir).build();

    assertThatThrownBy(h::plan)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read-only");
    assertThat(stateDir).isEmptyDirectory();
  }

  @Test
  void secretsResolveFromTheEnvironmentAndNeverReachLogsOrSummaries() {
    FakeTask task =
        FakeTasks.succeeding("s")
            .settingsSpec(SettingsSpec.builder().secret("apiKey", "the key").build())
            .onApply(
                ctx -> {
                  String key = ctx.settings().secret("apiKey").reveal();
                  ctx.logger().info("calling with key {}", key);
                  ctx.logger().warn("raw " + key);
                  throw new IllegalStateException("rejected key " + key);
                });
    TaskHarness h =
        TaskHarness.forTask(task)
            .settings(Map.of("apiKey", "${API_KEY}"))
            .environment(Map.of("API_KEY", "planted-secret-42"))
            .stateDirectory(stateDir)
            .build();

    RunResult r = h.apply();

    assertThat(r.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
    assertThat(String.join("\n", h.logs()))
        .contains("calling with key ****")
        .doesNotContain("planted-secret-42");
    assertThat(r.summary()).contains("rejected key ****").doesNotContain("planted-secret-42");
  }

  @Test
  void settingsProblemsAreListedWithTheirKeys() {
    FakeTask task =
        FakeTasks.succeeding("s")
            .settingsSpec(
                SettingsSpec.builder()
                    .secret("apiKey", "the key")
                    .integer("batch", 10, "batch size")
                    .build());

    assertThatThrownBy(
            () ->
                TaskHarness.forTask(task)
                    .settings(Map.of("apiKey", "${MISSING}", "bacth", 5))
                    .build())
        .isInstanceOfSatisfying(
            SettingsProblemsException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("tasks.s.settings.bacth"))
                    .anySatisfy(p -> assertThat(p).contains("MISSING")));
  }

  @Test
  void serviceCallsAreRetriedWithTheGivenPolicy() {
    AtomicInteger attempts = new AtomicInteger();
    FakeTask task =
        FakeTasks.succeeding("net")
            .onApply(
                ctx ->
                    ctx.services()
                        .call(
                            "svc",
                            () -> {
                              if (attempts.incrementAndGet() < 3) {
                                throw ServiceException.retryable("svc", "503 from fake");
                              }
                              return "ok";
                            }));
    TaskHarness h =
        TaskHarness.forTask(task)
            .service("svc", ServicePolicy.fast())
            .stateDirectory(stateDir)
            .build();

    RunResult r = h.apply();

    assertThat(r.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void slowTaskIsCancelledAtItsDeadline() {
    FakeTask task = FakeTasks.slow("slow", Duration.ofSeconds(30));
    TaskHarness h =
        TaskHarness.forTask(task).timeout(Duration.ofMillis(200)).stateDirectory(stateDir).build();

    RunResult r = h.apply();

    assertThat(r.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
    assertThat(r.summary()).contains("deadline of PT0.2S");
  }

  @Test
  void undoCanBeCalledDirectly() throws Exception {
    FakeTask task = FakeTasks.succeeding("u");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();
    h.apply();

    h.undo(UndoReason.COMPENSATE);

    assertThat(task.compensations()).isEqualTo(1);
    assertThat(h.state()).doesNotContainKey("applied");
  }

  @Test
  void aResourceCanBeSeenAsSeveralTypes() {
    StringBuilder database = new StringBuilder("db");
    Integer client = 42;
    java.util.List<Object> seen = new java.util.ArrayList<>();
    FakeTask task =
        FakeTasks.succeeding("r")
            .onApply(
                ctx -> {
                  seen.add(ctx.resource("mongo", StringBuilder.class));
                  seen.add(ctx.resource("mongo", Integer.class));
                });

    RunResult r =
        TaskHarness.forTask(task)
            .resource("mongo", database, client)
            .stateDirectory(stateDir)
            .build()
            .apply();

    assertThat(r.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(seen).containsExactly(database, client);
  }
}
