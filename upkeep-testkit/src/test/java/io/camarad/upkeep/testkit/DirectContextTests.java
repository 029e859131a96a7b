package io.camarad.upkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UpkeepTask;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectContextTests {
  @TempDir Path stateDir;

  @Test
  void aFailedDirectApplyIsNotUndoneAndLeavesItsPartialStateSaved() throws Exception {
    FakeTask task = FakeTasks.failing("b");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();

    try (DirectContext context = h.context(RunMode.APPLY)) {
      TaskPlan plan = task.plan(context);
      assertThatThrownBy(() -> task.apply(context, plan))
          .hasMessageContaining("fake task 'b' failed on purpose");
    }

    assertThat(task.undos()).isZero();
    assertThat(h.state()).containsEntry("partial", "v1");
  }

  @Test
  void aDirectApplySeesThePersistedStateAndCountsUsage() throws Exception {
    FakeTask task = FakeTasks.succeeding("a");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();
    h.apply();

    try (DirectContext context = h.context(RunMode.APPLY)) {
      assertThat(context.state().get("applied")).hasValue("v1");
      task.input("v2");
      task.apply(context, task.plan(context));
      assertThat(context.usageCounts()).containsEntry("units_written", 1L);
      assertThat(context.dataDirectory()).isEqualTo(h.dataDirectory()).isDirectory();
    }

    assertThat(h.state()).containsEntry("applied", "v2");
  }

  @Test
  void aPlanContextIsReadOnlyAndSavesNothing() throws Exception {
    FakeTask task = FakeTasks.succeeding("a");
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();

    try (DirectContext context = h.context(RunMode.PLAN)) {
      assertThat(context.mode()).isEqualTo(RunMode.PLAN);
      assertThatThrownBy(() -> context.state().put("k", "v")).isInstanceOf(RuntimeException.class);
    }

    assertThat(h.state()).isEmpty();
  }

  @Test
  void theContextCarriesTheBoundSettingsAndTheHarnessClock() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    FakeTask task =
        FakeTasks.succeeding("a")
            .settingsSpec(
                SettingsSpec.builder().integer("batchSize", 100, "rows per batch").build());
    TaskHarness h = TaskHarness.forTask(task).clock(clock).stateDirectory(stateDir).build();

    try (DirectContext context = h.context(RunMode.PLAN)) {
      assertThat(context.settings().integer("batchSize")).isEqualTo(100);
      assertThat(context.clock().instant()).isEqualTo(clock.instant());
      assertThat(context.taskId()).isEqualTo("a");
    }
  }

  @Test
  void relativePathSettingsResolveAgainstTheBaseDirectory() throws Exception {
    FakeTask task =
        FakeTasks.succeeding("a")
            .settingsSpec(
                SettingsSpec.builder().path("out", "site/x.xml", "where to write").build());
    Path base = stateDir.resolve("project");
    TaskHarness h =
        TaskHarness.forTask(task)
            .baseDirectory(base)
            .stateDirectory(base.resolve(".upkeep"))
            .build();

    try (DirectContext context = h.context(RunMode.PLAN)) {
      assertThat(context.settings().pathValue("out"))
          .isEqualTo(base.toAbsolutePath().resolve("site/x.xml"));
    }
  }

  @Test
  void aSettingsExceptionFromValidateIsTheCauseOfTheProblems() {
    SettingsException refused = new SettingsException("zone", "needs a zone id");
    UpkeepTask task =
        new UpkeepTask() {
          @Override
          public String id() {
            return "v";
          }

          @Override
          public void validate(Settings settings) throws SettingsException {
            throw refused;
          }

          @Override
          public TaskPlan plan(TaskContext context) {
            throw new AssertionError("not planned");
          }

          @Override
          public TaskOutcome apply(TaskContext context, TaskPlan plan) {
            throw new AssertionError("not applied");
          }
        };

    assertThatThrownBy(() -> TaskHarness.forTask(task).stateDirectory(stateDir).build())
        .isInstanceOfSatisfying(
            SettingsProblemsException.class,
            e -> {
              assertThat(e.problems())
                  .singleElement()
                  .asString()
                  .startsWith("tasks.v.settings.zone")
                  .contains("needs a zone id");
              assertThat(e.getCause()).isSameAs(refused);
            });
  }

  @Test
  void aCancelledContextStopsTheTaskWithTheReasonGiven() throws Exception {
    FakeTask task = FakeTasks.slow("s", java.time.Duration.ofSeconds(30));
    TaskHarness h = TaskHarness.forTask(task).stateDirectory(stateDir).build();

    try (DirectContext context = h.context(RunMode.APPLY)) {
      context.cancel("stopped by the test");
      assertThat(context.cancellation().isCancelled()).isTrue();
      assertThatThrownBy(() -> task.apply(context, task.plan(context)))
          .hasMessageContaining("stopped by the test");
    }
  }
}
