package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs the tasks of one run in dependency order on a pool of {@code parallelism} threads: a task
 * starts once every dependency finished well (applied or up to date; in a plan, planned); a task
 * whose dependency did not is NOT_RUN, and so are tasks not yet started once {@code stop} says so.
 * Results keep the run order; completion order is kept for compensation.
 */
final class TaskScheduler {
  private static final Set<TaskStatus> APPLY_OK =
      EnumSet.of(TaskStatus.APPLIED, TaskStatus.UP_TO_DATE);
  private static final Set<TaskStatus> PLAN_OK =
      EnumSet.of(TaskStatus.DUE, TaskStatus.UNPREDICTABLE, TaskStatus.UP_TO_DATE);
  private static final Set<TaskStatus> DUE =
      EnumSet.of(TaskStatus.APPLIED, TaskStatus.DUE, TaskStatus.UNPREDICTABLE);
  private static final AtomicInteger POOLS = new AtomicInteger();

  /**
   * One finished task.
   *
   * @param planned its plan, or {@code null} if it was not planned
   * @param result its apply result, or {@code null} in a plan
   * @param report its report
   * @param executor its executor (for compensation), or {@code null}
   */
  record Finished(
      PlanResult planned, TaskResult result, TaskReport report, TaskExecutor executor) {}

  /** Why a task is not started, or {@code null} to start it. */
  interface Gate {
    Finished check(String taskId);
  }

  private final TaskGraph graph;
  private final RunMode mode;
  private final int parallelism;
  private final boolean stopOnFailure;
  private final Function<String, TaskExecutor> executors;
  private final Gate gate;
  private final BooleanSupplier stop;
  private final RunObserver observer;
  private final Map<String, Finished> finished = new LinkedHashMap<>();
  private final List<String> completionOrder = new ArrayList<>();

  /**
   * @param stopOnFailure whether a failure stops new tasks from starting (all-or-nothing)
   * @param stop when true, no further task starts (the lock was lost)
   */
  TaskScheduler(
      TaskGraph graph,
      RunMode mode,
      int parallelism,
      boolean stopOnFailure,
      Function<String, TaskExecutor> executors,
      Gate gate,
      BooleanSupplier stop,
      RunObserver observer) {
    this.graph = graph;
    this.mode = mode;
    this.parallelism = parallelism;
    this.stopOnFailure = stopOnFailure;
    this.executors = executors;
    this.gate = gate;
    this.stop = stop;
    this.observer = observer;
  }

  /** Runs everything; returns each task's result in run order. */
  Map<String, Finished> run() throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "upkeep-task-" + POOLS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      runOn(new ExecutorCompletionService<>(pool));
    } finally {
      pool.shutdownNow();
    }
    Map<String, Finished> ordered = new LinkedHashMap<>();
    graph.order().forEach(id -> ordered.put(id, finished.get(id)));
    return ordered;
  }

  /** Task ids in the order they finished. */
  List<String> completionOrder() {
    return List.copyOf(completionOrder);
  }

  private void runOn(CompletionService<Finished> service) throws InterruptedException {
    Set<String> pending = new LinkedHashSet<>(graph.order());
    int running = 0;
    while (!pending.isEmpty() || running > 0) {
      running += startReady(pending, service, parallelism - running);
      if (running == 0) {
        continue;
      }
      Finished done = take(service);
      running--;
      record(done);
    }
  }

  private int startReady(Set<String> pending, CompletionService<Finished> service, int free) {
    int started = 0;
    for (String id : List.copyOf(pending)) {
      if (started >= free) {
        break;
      }
      if (!graph.dependenciesOf(id).stream().allMatch(finished::containsKey)) {
        continue;
      }
      pending.remove(id);
      Finished blocked = blocked(id);
      if (blocked != null) {
        record(blocked);
        continue;
      }
      List<String> dueDeps =
          graph.dependenciesOf(id).stream()
              .filter(d -> DUE.contains(finished.get(d).report().status()))
              .sorted()
              .toList();
      TaskExecutor executor = executors.apply(id);
      service.submit(() -> execute(executor, dueDeps));
      started++;
    }
    return started;
  }

  private Finished blocked(String id) {
    Finished gated = gate.check(id);
    if (gated != null) {
      return gated;
    }
    Set<TaskStatus> ok = mode == RunMode.APPLY ? APPLY_OK : PLAN_OK;
    for (String dep : graph.dependenciesOf(id)) {
      TaskReport depReport = finished.get(dep).report();
      if (!ok.contains(depReport.status())) {
        return notRun(
            id, "not run: depends on '" + dep + "', which " + describe(depReport.status()));
      }
    }
    if (stopOnFailure && finished.values().stream().anyMatch(f -> f.report().status().failed())) {
      return notRun(id, "not run: another task failed in this all-or-nothing run");
    }
    if (stop.getAsBoolean()) {
      return notRun(id, "not run: the run lost its lock");
    }
    return null;
  }

  private static String describe(TaskStatus status) {
    return switch (status) {
      case SKIPPED -> "was skipped";
      case NOT_RUN -> "did not run";
      case COMPENSATED -> "was compensated";
      default -> "ended " + status;
    };
  }

  Finished notRun(String id, String summary) {
    TaskExecutor executor = executors.apply(id);
    TaskReport report =
        new TaskReport(
            id,
            TaskStatus.NOT_RUN,
            summary,
            List.of(),
            Duration.ZERO,
            Map.of(),
            null,
            executor.source());
    return new Finished(null, null, report, null);
  }

  private Finished execute(TaskExecutor executor, List<String> dueDeps) {
    observer.taskStarted(executor.taskId(), mode);
    PlanResult planned = executor.plan(dueDeps);
    if (mode == RunMode.PLAN) {
      return new Finished(planned, null, executor.planReport(planned), executor);
    }
    TaskResult result = executor.apply(planned);
    return new Finished(planned, result, result.report(), executor);
  }

  private static Finished take(CompletionService<Finished> service) throws InterruptedException {
    try {
      return service.take().get();
    } catch (ExecutionException e) {
      // TaskExecutor never throws for a task's failure; this is a bug in the engine itself.
      throw new IllegalStateException("the engine failed while running a task", e.getCause());
    }
  }

  private void record(Finished done) {
    String id = done.report().taskId();
    finished.put(id, done);
    completionOrder.add(id);
    observer.taskFinished(done.report());
  }
}
