package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static io.camarad.upkeep.core.Fixtures.protocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyTests {
  @TempDir Path stateDir;

  private static TaskStatus status(RunReport report, String id) {
    return report.task(id).map(TaskReport::status).orElseThrow();
  }

  @Test
  void appliesEveryTaskInDependencyOrderAndSucceeds() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    FakeTask b = FakeTasks.succeeding("b", "a").recordingTo(events);
    FakeTask a = FakeTasks.succeeding("a").recordingTo(events);

    try (Upkeep upkeep = engine(stateDir, b, a).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(report.tasks()).extracting(TaskReport::taskId).containsExactly("a", "b");
      assertThat(events).containsSubsequence("apply:a", "plan:b", "apply:b");
    }
  }

  @Test
  void secondApplyHasNothingToDo() throws Exception {
    FakeTask a = FakeTasks.succeeding("a");
    try (Upkeep upkeep = engine(stateDir, a).build()) {
      upkeep.apply();

      RunReport again = upkeep.apply();

      assertThat(again.status()).isEqualTo(RunStatus.NOTHING_TO_DO);
      assertThat(status(again, "a")).isEqualTo(TaskStatus.UP_TO_DATE);
      assertThat(a.applies()).isEqualTo(1);
    }
  }

  @Test
  void failedTaskUndoesItsWorkItsDependentsDoNotRunAndIndependentBranchesGoOn() throws Exception {
    FakeTask bad = FakeTasks.failing("bad");
    FakeTask dependent = FakeTasks.succeeding("dependent", "bad");
    FakeTask independent = FakeTasks.succeeding("independent");

    try (Upkeep upkeep = engine(stateDir, bad, dependent, independent).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.FAILED);
      assertThat(status(report, "bad")).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(status(report, "dependent")).isEqualTo(TaskStatus.NOT_RUN);
      assertThat(report.task("dependent").orElseThrow().summary()).contains("'bad'");
      assertThat(status(report, "independent")).isEqualTo(TaskStatus.APPLIED);
      assertThat(dependent.applies()).isZero();
      assertThat(bad.undos()).isEqualTo(1);
      assertThat(report.error().message()).contains("task 'bad'").contains("on purpose");
    }
  }

  @Test
  void failedIrreversibleTaskIsReportedFailedAndKeepsItsPartialWork() throws Exception {
    FakeTask bad = FakeTasks.irreversible("bad").failAlways();

    try (Upkeep upkeep = engine(stateDir, bad).build()) {
      RunReport report = upkeep.apply();

      assertThat(status(report, "bad")).isEqualTo(TaskStatus.FAILED);
      assertThat(bad.undos()).isZero();
      assertThat(report.status()).isEqualTo(RunStatus.FAILED);
    }
  }

  @Test
  void failedUndoIsAttachedToTheFailureAndTheRunIsPartlyUndone() throws Exception {
    FakeTask bad = FakeTasks.failing("bad").failOnUndo();

    try (Upkeep upkeep = engine(stateDir, bad).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.FAILED_PARTLY_UNDONE);
      TaskReport task = report.task("bad").orElseThrow();
      assertThat(task.error().message()).contains("failed on purpose");
      assertThat(task.error().attached())
          .singleElement()
          .satisfies(e -> assertThat(e.message()).contains("failed to undo"));
    }
  }

  @Test
  void allOrNothingCompensatesAppliedTasksInReverseCompletionOrder() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    FakeTask a = FakeTasks.succeeding("a").recordingTo(events);
    FakeTask b = FakeTasks.succeeding("b", "a").recordingTo(events);
    FakeTask c = FakeTasks.failing("c", "b").recordingTo(events);

    try (Upkeep upkeep =
        engine(stateDir, protocol("allOrNothing", true, "parallelism", 1), a, b, c).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.FAILED_UNDONE);
      assertThat(status(report, "a")).isEqualTo(TaskStatus.COMPENSATED);
      assertThat(status(report, "b")).isEqualTo(TaskStatus.COMPENSATED);
      assertThat(status(report, "c")).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(events.stream().filter(e -> e.startsWith("undo:")).toList())
          .containsExactly("undo:c:FAILED", "undo:b:COMPENSATE", "undo:a:COMPENSATE");
      assertThat(report.error().message()).contains("task 'c'");
    }
  }

  @Test
  void compensatedTasksAreDueAgainOnTheNextRun() throws Exception {
    FakeTask a = FakeTasks.succeeding("a");
    FakeTask c = FakeTasks.failing("c", "a");
    try (Upkeep upkeep = engine(stateDir, protocol("allOrNothing", true), a, c).build()) {
      upkeep.apply();
      c.failTimes(0);

      RunReport again = upkeep.apply();

      assertThat(status(again, "a")).isEqualTo(TaskStatus.APPLIED);
      assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void allOrNothingKeepsWhatCannotBeCompensatedAndAttachesCompensationFailures() throws Exception {
    FakeTask kept = FakeTasks.irreversible("kept");
    FakeTask stubborn = FakeTasks.succeeding("stubborn").failOnUndo();
    FakeTask bad = FakeTasks.failing("zbad", "kept", "stubborn");

    try (Upkeep upkeep =
        engine(stateDir, protocol("allOrNothing", true), kept, stubborn, bad).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.FAILED_PARTLY_UNDONE);
      assertThat(status(report, "kept")).isEqualTo(TaskStatus.APPLIED);
      assertThat(report.task("kept").orElseThrow().summary()).contains("cannot be compensated");
      assertThat(status(report, "stubborn")).isEqualTo(TaskStatus.APPLIED);
      assertThat(report.error().message()).contains("task 'zbad'");
      assertThat(report.error().attached())
          .anySatisfy(
              e -> assertThat(e.message()).contains("task 'stubborn'").contains("failed to undo"));
    }
  }

  @Test
  void allOrNothingStartsNoFurtherTaskAfterAFailure() throws Exception {
    FakeTask bad = FakeTasks.failing("a-bad");
    FakeTask later = FakeTasks.succeeding("z-later");

    try (Upkeep upkeep =
        engine(stateDir, protocol("allOrNothing", true, "parallelism", 1), bad, later).build()) {
      RunReport report = upkeep.apply();

      assertThat(status(report, "z-later")).isEqualTo(TaskStatus.NOT_RUN);
      assertThat(later.applies()).isZero();
    }
  }

  @Test
  void idempotentTaskIsRetriedWhenTheProtocolAsks() throws Exception {
    FakeTask flaky = FakeTasks.succeeding("flaky").idempotent(true).failTimes(2);
    Map<String, Object> protocol = protocol("tasks", Map.of("flaky", Map.of("retries", 2)));

    try (Upkeep upkeep = engine(stateDir, protocol, flaky).build()) {
      RunReport report = upkeep.apply();

      assertThat(status(report, "flaky")).isEqualTo(TaskStatus.APPLIED);
      assertThat(flaky.applies()).isEqualTo(3);
    }
  }

  @Test
  void nonIdempotentTaskIsNeverRetried() throws Exception {
    FakeTask once = FakeTasks.succeeding("once").failTimes(1);

    try (Upkeep upkeep = engine(stateDir, once).build()) {
      RunReport report = upkeep.apply();

      assertThat(status(report, "once")).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(once.applies()).isEqualTo(1);
    }
  }

  @Test
  void slowTaskIsCancelledAtItsTimeoutAndTheMessageSaysWhatToRaise() throws Exception {
    FakeTask slow = FakeTasks.slow("slow", Duration.ofMinutes(5));
    Map<String, Object> protocol = protocol("tasks", Map.of("slow", Map.of("timeout", "300ms")));

    try (Upkeep upkeep = engine(stateDir, protocol, slow).build()) {
      RunReport report = upkeep.apply();

      TaskReport task = report.task("slow").orElseThrow();
      assertThat(task.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(task.error().message()).contains("deadline").contains("tasks.slow.timeout");
    }
  }

  @Test
  void independentTasksRunInParallelWithinTheLimit() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    FakeTask.ApplyHook meet =
        ctx -> {
          bothStarted.countDown();
          if (!bothStarted.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other task never started alongside");
          }
        };
    FakeTask a = FakeTasks.succeeding("a").onApply(meet);
    FakeTask b = FakeTasks.succeeding("b").onApply(meet);

    try (Upkeep upkeep = engine(stateDir, protocol("parallelism", 2), a, b).build()) {
      assertThat(upkeep.apply().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void parallelismOfOneRunsTasksOneAtATime() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    FakeTask a = FakeTasks.slow("a", Duration.ofMillis(50)).recordingTo(events);
    FakeTask b = FakeTasks.slow("b", Duration.ofMillis(50)).recordingTo(events);

    try (Upkeep upkeep = engine(stateDir, protocol("parallelism", 1), a, b).build()) {
      upkeep.apply();

      assertThat(events).containsExactly("plan:a", "apply:a", "plan:b", "apply:b");
    }
  }

  @Test
  void taskThatIgnoresCancellationIsInterruptedAfterAGracePeriod() throws Exception {
    FakeTask sleeper = FakeTasks.succeeding("sleeper").onApply(ctx -> Thread.sleep(60_000));
    Map<String, Object> protocol = protocol("tasks", Map.of("sleeper", Map.of("timeout", "200ms")));

    try (Upkeep upkeep = engine(stateDir, protocol, sleeper).build()) {
      TaskReport task = upkeep.apply().task("sleeper").orElseThrow();

      assertThat(task.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(task.error().message()).contains("passed its deadline");
    }
  }

  @Test
  void aPluginErrorFailsItsTaskAndNotTheRun() throws Exception {
    FakeTask broken =
        FakeTasks.succeeding("broken")
            .onApply(
                ctx -> {
                  throw new NoClassDefFoundError("com/missing/Dependency");
                });
    FakeTask fine = FakeTasks.succeeding("fine");

    try (Upkeep upkeep = engine(stateDir, broken, fine).build()) {
      RunReport report = upkeep.apply();

      assertThat(status(report, "broken")).isEqualTo(TaskStatus.FAILED_UNDONE);
      assertThat(report.task("broken").orElseThrow().error().message())
          .contains("com/missing/Dependency");
      assertThat(status(report, "fine")).isEqualTo(TaskStatus.APPLIED);
    }
  }

  @Test
  void theLeaseIsRenewedWhileALongRunGoesOn() throws Exception {
    java.util.concurrent.atomic.AtomicReference<io.camarad.upkeep.api.spi.LockInfo> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    Upkeep[] self = new Upkeep[1];
    FakeTask longTask =
        FakeTasks.succeeding("long")
            .onApply(
                ctx -> {
                  Thread.sleep(2_500);
                  seen.set(self[0].lockHolder().orElseThrow());
                });
    Map<String, Object> protocol = protocol("lock", Map.of("lease", "3s"));

    try (Upkeep upkeep = engine(stateDir, protocol, longTask).build()) {
      self[0] = upkeep;
      upkeep.apply();

      Duration lease = Duration.between(seen.get().acquiredAt(), seen.get().expiresAt());
      assertThat(lease).isGreaterThan(Duration.ofSeconds(3));
    }
  }
}
