package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, applies and undoes one task in one run, the way the engine and the test kit both do: state
 * read-only in a plan and saved after apply and undo, deadlines with a cancellation signal, the due
 * rule, retries for idempotent tasks, undo of partial work.
 *
 * <p>Call {@link #plan} first, then at most one of {@link #apply}, then optionally {@link
 * #compensate}. Not thread-safe; one executor per task per run.
 */
public final class TaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);
  private static final Duration MAX_GRACE = Duration.ofSeconds(30);

  private final UpkeepTask task;
  private final Settings settings;
  private final Duration timeout;
  private final int retries;
  private final String source;
  private final RunScope scope;
  private final UsageCounters usage = new UsageCounters();
  private TaskStateRecord before;
  private TaskStateRecord afterApply;
  private TaskPlan plan;
  private long nanosSpent;

  /**
   * @param timeout the deadline of each call
   * @param retries re-runs of a failed apply, used only if the task is idempotent
   * @param source where the task came from, for the report
   */
  public TaskExecutor(
      UpkeepTask task,
      Settings settings,
      Duration timeout,
      int retries,
      String source,
      RunScope scope) {
    this.task = task;
    this.settings = settings;
    this.timeout = timeout;
    this.retries = retries;
    this.source = source;
    this.scope = scope;
  }

  public String taskId() {
    return task.id();
  }

  /** Where the task came from, for reports. */
  public String source() {
    return source;
  }

  /** The report of a plan, for a run that only plans. */
  public TaskReport planReport(PlanResult planned) {
    return report(planned.status(), planned.summary(), planned.error());
  }

  /** Probes the task's health with a read-only context; never throws. */
  public io.camarad.upkeep.api.Health health() {
    try {
      before = loadState();
      return call(RunMode.PLAN, new TaskStateView(before, true), ctx -> task.health(ctx));
    } catch (Exception e) {
      return io.camarad.upkeep.api.Health.down(
          "health probe failed: " + scope.masker().apply(String.valueOf(e.getMessage())));
    }
  }

  /** The plan made by {@link #plan}, or {@code null}. */
  public TaskPlan currentPlan() {
    return plan;
  }

  /** Plans the task, read-only, and decides whether it is due. Never throws for the task. */
  public PlanResult plan(List<String> dueDependencies) {
    long start = System.nanoTime();
    try {
      before = loadState();
      plan = call(RunMode.PLAN, new TaskStateView(before, true), ctx -> task.plan(ctx));
      if (plan == null) {
        throw new IllegalStateException("task '" + task.id() + "' returned no plan");
      }
      return decided(DueRule.decide(plan, before, dueDependencies), spentSince(start));
    } catch (Exception e) {
      return planFailed(e, spentSince(start));
    }
  }

  private PlanResult decided(DueRule.Decision decision, Duration took) {
    TaskStatus status = statusOf(plan, decision);
    String summary = scope.masker().apply(decision.reason());
    LOG.debug("Task {} planned: {} ({})", task.id(), status, summary);
    return new PlanResult(plan, status, summary, decision.due(), null, null, took);
  }

  private static TaskStatus statusOf(TaskPlan plan, DueRule.Decision decision) {
    if (plan.kind() == TaskPlan.Kind.NOT_CONFIGURED) {
      return TaskStatus.SKIPPED;
    }
    if (!decision.due()) {
      return TaskStatus.UP_TO_DATE;
    }
    return plan.kind() == TaskPlan.Kind.UNPREDICTABLE ? TaskStatus.UNPREDICTABLE : TaskStatus.DUE;
  }

  private PlanResult planFailed(Exception e, Duration took) {
    ErrorInfo error = ErrorDescriber.describe(e, scope.masker());
    LOG.error("Task {} could not plan: {}", task.id(), OneLine.of(error.message()));
    logTrace(e);
    return new PlanResult(
        null, TaskStatus.FAILED, "plan failed: " + error.message(), false, error, e, took);
  }

  /** Applies a task planned by {@link #plan}: runs it if due, else records it up to date. */
  public TaskResult apply(PlanResult planned) {
    long start = System.nanoTime();
    if (planned.status() == TaskStatus.FAILED) {
      return new TaskResult(
          report(TaskStatus.FAILED, planned.summary(), planned.error()),
          null,
          planned.failure(),
          false);
    }
    if (planned.status() == TaskStatus.SKIPPED) {
      return new TaskResult(report(TaskStatus.SKIPPED, planned.summary(), null), null, null, false);
    }
    if (!planned.due()) {
      return recordUpToDate(planned);
    }
    TaskResult result = runApply();
    nanosSpent += System.nanoTime() - start;
    return result;
  }

  private TaskResult recordUpToDate(PlanResult planned) {
    try {
      save(
          new TaskStateRecord(
              task.id(),
              before.values(),
              scope.clock().instant(),
              scope.runId(),
              plan.fingerprints()));
      LOG.info("Task {} is up to date: {}", task.id(), planned.summary());
      return new TaskResult(
          report(TaskStatus.UP_TO_DATE, planned.summary(), null),
          TaskOutcome.of(planned.summary()),
          null,
          false);
    } catch (Exception e) {
      return failedWithoutUndo(e);
    }
  }

  private TaskResult runApply() {
    TaskStateView state = new TaskStateView(before, false);
    Exception failure = null;
    int attempts = task.idempotent() ? 1 + Math.max(0, retries) : 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        createDataDirectory();
        TaskOutcome outcome = call(RunMode.APPLY, state, ctx -> task.apply(ctx, plan));
        return succeeded(state, outcome == null ? TaskOutcome.of("applied") : outcome);
      } catch (Exception e) {
        failure = e;
        if (attempt < attempts) {
          LOG.warn(
              "Task {} failed (attempt {} of {}), running it again: {}",
              task.id(),
              attempt,
              attempts,
              OneLine.of(scope.masker().apply(String.valueOf(e.getMessage()))));
        }
      }
    }
    return failed(state, failure);
  }

  private TaskResult succeeded(TaskStateView state, TaskOutcome outcome) {
    afterApply =
        new TaskStateRecord(
            task.id(), state.values(), scope.clock().instant(), scope.runId(), plan.fingerprints());
    try {
      save(afterApply);
    } catch (Exception e) {
      return failedWithoutUndo(e);
    }
    String summary = scope.masker().apply(outcome.summary());
    LOG.info("Task {} applied: {}", task.id(), summary);
    outcome.counts().forEach(usage::add);
    return new TaskResult(report(TaskStatus.APPLIED, summary, null), outcome, null, false);
  }

  private TaskResult failed(TaskStateView state, Exception failure) {
    saveQuietly(state.withCurrentValues());
    ErrorInfo error = ErrorDescriber.describe(failure, scope.masker());
    LOG.error("Task {} failed: {}", task.id(), OneLine.of(error.message()));
    logTrace(failure);
    if (!task.reversibility().allows(UndoReason.FAILED)) {
      return new TaskResult(
          report(TaskStatus.FAILED, "failed: " + error.message(), error), null, failure, false);
    }
    return undoAfterFailure(state, failure, error);
  }

  private TaskResult undoAfterFailure(TaskStateView state, Exception failure, ErrorInfo error) {
    try {
      call(
          RunMode.APPLY,
          state,
          ctx -> {
            task.undo(ctx, UndoReason.FAILED);
            return null;
          });
      saveQuietly(state.withCurrentValues());
      LOG.info("Task {} undid its partial work", task.id());
      return new TaskResult(
          report(
              TaskStatus.FAILED_UNDONE, "failed, partial work undone: " + error.message(), error),
          null,
          failure,
          false);
    } catch (Exception undoFailure) {
      saveQuietly(state.withCurrentValues());
      ErrorInfo undoError = ErrorDescriber.describe(undoFailure, scope.masker());
      LOG.error(
          "Task {} could not undo its partial work: {}",
          task.id(),
          OneLine.of(undoError.message()));
      logTrace(undoFailure);
      failure.addSuppressed(undoFailure);
      return new TaskResult(
          report(
              TaskStatus.FAILED,
              "failed, and undoing its partial work failed too: " + error.message(),
              error.attach(undoError)),
          null,
          failure,
          true);
    }
  }

  private TaskResult failedWithoutUndo(Exception failure) {
    ErrorInfo error = ErrorDescriber.describe(failure, scope.masker());
    LOG.error("Task {} failed: {}", task.id(), OneLine.of(error.message()));
    logTrace(failure);
    return new TaskResult(
        report(TaskStatus.FAILED, "failed: " + error.message(), error), null, failure, false);
  }

  /**
   * Compensates a task that applied, for an all-or-nothing run: undo with {@link
   * UndoReason#COMPENSATE}, and the last success restored to what it was before this run.
   *
   * @param applied the task's result from {@link #apply}
   * @return the new result: COMPENSATED, or APPLIED with the reason it could not be
   */
  public TaskResult compensate(TaskResult applied) {
    TaskReport was = applied.report();
    if (!task.reversibility().allows(UndoReason.COMPENSATE)) {
      LOG.warn(
          "Task {} cannot be compensated (reversibility {}); its changes are kept",
          task.id(),
          task.reversibility());
      return new TaskResult(
          withSummary(was, was.summary() + " (kept: cannot be compensated)", was.error()),
          applied.outcome(),
          null,
          true);
    }
    TaskStateView state = new TaskStateView(afterApply, false);
    try {
      call(
          RunMode.APPLY,
          state,
          ctx -> {
            task.undo(ctx, UndoReason.COMPENSATE);
            return null;
          });
      save(
          new TaskStateRecord(
              task.id(),
              state.values(),
              before.lastSuccess(),
              before.lastRunId(),
              before.fingerprints()));
      LOG.info("Task {} compensated", task.id());
      return new TaskResult(
          new TaskReport(
              task.id(),
              TaskStatus.COMPENSATED,
              "compensated: " + was.summary(),
              was.changes(),
              was.duration(),
              was.usage(),
              null,
              source),
          applied.outcome(),
          null,
          false);
    } catch (Exception e) {
      saveQuietly(state.withCurrentValues());
      ErrorInfo error = ErrorDescriber.describe(e, scope.masker());
      LOG.error("Task {} could not be compensated: {}", task.id(), OneLine.of(error.message()));
      logTrace(e);
      return new TaskResult(
          withSummary(
              was, was.summary() + " (compensation failed: " + error.message() + ")", error),
          applied.outcome(),
          e,
          true);
    }
  }

  /** Undoes the task directly (the test kit's {@code undo}); state is saved afterwards. */
  public void undo(UndoReason reason) throws Exception {
    TaskStateView state = new TaskStateView(loadState(), false);
    try {
      call(
          RunMode.APPLY,
          state,
          ctx -> {
            task.undo(ctx, reason);
            return null;
          });
    } finally {
      save(state.withCurrentValues());
    }
  }

  /** The stack trace of a failure, masked, for DEBUG only: ERROR lines stay one line. */
  private void logTrace(Throwable failure) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Task {} failure in full:", task.id(), SanitizedException.of(failure, scope.masker()));
    }
  }

  private TaskReport withSummary(TaskReport was, String summary, ErrorInfo error) {
    return new TaskReport(
        was.taskId(),
        was.status(),
        OneLine.of(summary),
        was.changes(),
        was.duration(),
        was.usage(),
        error,
        was.source());
  }

  private TaskReport report(TaskStatus status, String summary, ErrorInfo error) {
    Map<String, Long> counts = new TreeMap<>(usage.snapshot());
    List<PlannedChange> changes =
        plan == null
            ? List.of()
            : plan.changes().stream()
                .map(
                    c ->
                        new PlannedChange(
                            scope.masker().apply(c.action()),
                            scope.masker().apply(c.target()),
                            scope.masker().apply(c.detail())))
                .toList();
    String masked = scope.masker().apply(summary);
    return new TaskReport(
        task.id(),
        status,
        status.failed() ? OneLine.of(masked) : masked,
        changes,
        Duration.ofNanos(nanosSpent),
        counts,
        error,
        source);
  }

  private Duration spentSince(long start) {
    long spent = System.nanoTime() - start;
    nanosSpent += spent;
    return Duration.ofNanos(spent);
  }

  private TaskStateRecord loadState() throws Exception {
    try {
      return scope.stateStore().load(task.id()).orElse(TaskStateRecord.empty(task.id()));
    } catch (FileSystemException e) {
      throw StorageFailure.of(e, null, scope.stateDirectory());
    }
  }

  private void save(TaskStateRecord record) throws Exception {
    try {
      scope.stateStore().save(record);
    } catch (FileSystemException e) {
      throw StorageFailure.of(e, null, scope.stateDirectory());
    }
  }

  private void createDataDirectory() throws IOException {
    try {
      Files.createDirectories(scope.dataDirectory(task.id()));
    } catch (FileSystemException e) {
      throw StorageFailure.of(e, null, scope.stateDirectory());
    }
  }

  private void saveQuietly(TaskStateRecord record) {
    try {
      save(record);
    } catch (Exception e) {
      LOG.error(
          "Task {}: its state could not be saved: {}",
          task.id(),
          scope.masker().apply(e.toString()));
    }
  }

  /** One call into the task. */
  @FunctionalInterface
  private interface TaskCall<T> {
    T run(EngineTaskContext context) throws Exception;
  }

  private <T> T call(RunMode mode, TaskStateView state, TaskCall<T> body) throws Exception {
    DeadlineCancellation cancellation = new DeadlineCancellation();
    EngineTaskContext context =
        new EngineTaskContext(
            task.id(),
            mode,
            settings,
            state,
            scope,
            scope.clock().instant().plus(timeout),
            cancellation,
            usage);
    WorkerInterrupter interrupter = new WorkerInterrupter(Thread.currentThread());
    ScheduledFuture<?> signal =
        scope
            .timer()
            .after(timeout, () -> cancellation.cancel("deadline of " + timeout + " passed"));
    ScheduledFuture<?> interrupt = scope.timer().after(timeout.plus(grace()), interrupter);
    try {
      return body.run(context);
    } catch (Exception e) {
      // Whatever a task throws once its deadline passed (a CancelledException, an interrupted
      // client call wrapped in its own exception) is reported as the deadline it is.
      if (cancellation.isCancelled()) {
        throw new TaskTimeoutException(task.id(), timeout, e);
      }
      throw e;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Error e) {
      // A plugin's linkage or assertion error fails the task, not the whole run.
      throw new IllegalStateException("task '" + task.id() + "' threw " + e, e);
    } finally {
      signal.cancel(false);
      interrupt.cancel(false);
      interrupter.finish();
    }
  }

  private Duration grace() {
    Duration tenth = timeout.dividedBy(10);
    return tenth.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : tenth;
  }

  /** Interrupts the worker thread once, if the call it guards is still running. */
  private static final class WorkerInterrupter implements Runnable {
    private final Thread worker;
    private boolean running = true;
    private boolean interrupted;

    WorkerInterrupter(Thread worker) {
      this.worker = worker;
    }

    @Override
    public synchronized void run() {
      if (running) {
        interrupted = true;
        worker.interrupt();
      }
    }

    synchronized void finish() {
      running = false;
      if (interrupted) {
        Thread.interrupted(); // clear the flag that we set, so the worker thread can go on
      }
    }
  }
}
