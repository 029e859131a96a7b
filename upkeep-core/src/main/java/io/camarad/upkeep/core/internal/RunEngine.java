package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.RunLock;
import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plans and applies of a validated protocol: the state store, the lock and its renewal, the
 * scheduler, all-or-nothing compensation, the report, and the records (history, audit log, metrics,
 * notifiers). One instance serves many runs, one at a time.
 */
public final class RunEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);

  /** Hears nothing: for the planning pass that checks a saved plan. */
  private static final RunObserver SILENT =
      new RunObserver() {
        @Override
        public void line(String taskId, String line) {}

        @Override
        public void runStarted(RunStarted started) {}

        @Override
        public void taskStarted(String taskId, RunMode mode) {}

        @Override
        public void taskFinished(TaskReport report) {}

        @Override
        public void runFinished(RunReport report) {}
      };

  private final Protocol protocol;
  private final PluginSet plugins;
  private final TaskGraph graph;
  private final EngineRuntime runtime;

  public RunEngine(Protocol protocol, PluginSet plugins, TaskGraph graph, EngineRuntime runtime) {
    this.protocol = protocol;
    this.plugins = plugins;
    this.graph = graph;
    this.runtime = runtime;
  }

  /**
   * A plan and the report of the planning run.
   *
   * @param report the report, status PLANNED, NOTHING_TO_DO or FAILED
   * @param plan the plan as it would be saved
   */
  public record PlanRun(RunReport report, SavedPlan plan) {}

  /**
   * Plans every task; writes nothing, takes no lock.
   *
   * @throws LockUnavailableException if another run is applying: its resources (an embedded
   *     database's file) may be open in that run's process
   */
  public PlanRun plan() throws Exception {
    refuseWhileAnotherApplies();
    try (Run run = new Run(RunMode.PLAN)) {
      run.start(OptionalLong.empty());
      TaskScheduler scheduler = run.scheduler(RunMode.PLAN, () -> false);
      Map<String, TaskScheduler.Finished> finished = scheduler.run();
      RunReport report =
          run.report(
              planStatus(finished), finished, firstError(finished, scheduler.completionOrder()));
      runtime.observer().runFinished(report);
      return new PlanRun(report, savedPlan(run, finished));
    }
  }

  /**
   * Applies under the lock.
   *
   * @param expected a saved plan that a fresh plan must match, or {@code null}
   * @throws LockUnavailableException if another run holds the lock
   * @throws PlanDriftDetected if {@code expected} no longer matches
   */
  public RunReport apply(SavedPlan expected) throws Exception {
    try (Run run = new Run(RunMode.APPLY)) {
      run.lock();
      if (expected != null) {
        checkDrift(run, expected);
      }
      run.start(OptionalLong.of(run.lock.info().fencingToken()));
      run.audit(
          "run-started",
          Map.of(
              "protocol",
              protocol.name(),
              "mode",
              "APPLY",
              "host",
              HostIdentity.host(),
              "tasks",
              graph.order()));
      try (NotifierDispatch notifiers =
          new NotifierDispatch(protocol.notifiers(), plugins, runtime)) {
        notifiers.runStarted(run.started);
        RunReport report = applyAll(run);
        run.record(report);
        runtime.observer().runFinished(report);
        notifiers.runFinished(report);
        return report;
      }
    }
  }

  private void checkDrift(Run run, SavedPlan expected) throws Exception {
    run.observer = SILENT;
    run.start(OptionalLong.of(run.lock.info().fencingToken()));
    Map<String, TaskScheduler.Finished> fresh = run.scheduler(RunMode.PLAN, () -> false).run();
    List<String> drifts = expected.driftFrom(savedPlan(run, fresh));
    if (!drifts.isEmpty()) {
      LOG.error("Refusing to apply the saved plan of run {}: {}", expected.runId(), drifts);
      throw new PlanDriftDetected(drifts);
    }
    run.executors.clear();
    run.observer = runtime.observer();
  }

  private RunReport applyAll(Run run) throws Exception {
    TaskScheduler scheduler = run.scheduler(RunMode.APPLY, run.lockLost::get);
    Map<String, TaskScheduler.Finished> finished = scheduler.run();
    List<String> completion = scheduler.completionOrder();
    ErrorInfo error = firstError(finished, completion);
    boolean failure = finished.values().stream().anyMatch(f -> f.report().status().failed());
    if (failure && protocol.allOrNothing()) {
      for (ErrorInfo later : compensate(run, finished, completion)) {
        error = error.attach(later);
      }
    }
    RunStatus status = applyStatus(finished, failure);
    if (run.lockLost.get()) {
      ErrorInfo lost =
          new ErrorInfo(
              "LockLost",
              "the run lost its lock: "
                  + run.lockLostReason
                  + "; tasks not yet started did not run",
              List.of());
      error = error == null ? lost : error.attach(lost);
      status = status.failed() ? status : RunStatus.FAILED;
    }
    return run.report(status, finished, error);
  }

  /**
   * Undoes every applied task, newest first; tasks that cannot be undone are kept.
   *
   * @return the compensation failures, to attach to the run's first failure
   */
  private List<ErrorInfo> compensate(
      Run run, Map<String, TaskScheduler.Finished> finished, List<String> completion) {
    LOG.warn("All-or-nothing run failed: compensating every applied task, newest first");
    List<ErrorInfo> failures = new ArrayList<>();
    for (int i = completion.size() - 1; i >= 0; i--) {
      TaskScheduler.Finished f = finished.get(completion.get(i));
      if (f.result() == null || !f.result().applied()) {
        continue;
      }
      TaskResult undone = f.executor().compensate(f.result());
      finished.put(
          f.report().taskId(),
          new TaskScheduler.Finished(f.planned(), undone, undone.report(), f.executor()));
      run.auditTaskFinished(undone.report());
      runtime.observer().taskFinished(undone.report());
      if (undone.failure() != null && undone.report().error() != null) {
        ErrorInfo e = undone.report().error();
        failures.add(
            new ErrorInfo(
                e.type(),
                "task '" + f.report().taskId() + "' could not be compensated: " + e.message(),
                e.attached()));
      }
    }
    return failures;
  }

  private static RunStatus planStatus(Map<String, TaskScheduler.Finished> finished) {
    boolean failed =
        finished.values().stream().anyMatch(f -> f.report().status() == TaskStatus.FAILED);
    if (failed) {
      return RunStatus.FAILED;
    }
    boolean due =
        finished.values().stream().anyMatch(f -> f.planned() != null && f.planned().due());
    return due ? RunStatus.PLANNED : RunStatus.NOTHING_TO_DO;
  }

  private RunStatus applyStatus(Map<String, TaskScheduler.Finished> finished, boolean failure) {
    if (!failure) {
      boolean applied =
          finished.values().stream().anyMatch(f -> f.report().status() == TaskStatus.APPLIED);
      return applied ? RunStatus.SUCCEEDED : RunStatus.NOTHING_TO_DO;
    }
    boolean partly =
        finished.values().stream().anyMatch(f -> f.result() != null && f.result().undoFailed());
    if (protocol.allOrNothing()) {
      boolean kept =
          finished.values().stream()
              .anyMatch(
                  f ->
                      f.report().status() == TaskStatus.APPLIED
                          || f.report().status() == TaskStatus.FAILED);
      return partly || kept ? RunStatus.FAILED_PARTLY_UNDONE : RunStatus.FAILED_UNDONE;
    }
    return partly ? RunStatus.FAILED_PARTLY_UNDONE : RunStatus.FAILED;
  }

  /** The first failure by completion, with every later one (and compensation failures). */
  private static ErrorInfo firstError(
      Map<String, TaskScheduler.Finished> finished, List<String> completion) {
    ErrorInfo first = null;
    for (String id : completion) {
      TaskScheduler.Finished f = finished.get(id);
      ErrorInfo error = f == null ? null : f.report().error();
      if (error == null) {
        continue;
      }
      ErrorInfo named =
          new ErrorInfo(error.type(), "task '" + id + "': " + error.message(), error.attached());
      first = first == null ? named : first.attach(named);
    }
    return first;
  }

  private SavedPlan savedPlan(Run run, Map<String, TaskScheduler.Finished> finished) {
    List<SavedPlan.TaskEntry> tasks = new ArrayList<>();
    finished.forEach(
        (id, f) -> {
          var plan = f.planned() == null ? null : f.planned().plan();
          tasks.add(
              new SavedPlan.TaskEntry(
                  id,
                  f.report().status(),
                  plan == null ? null : plan.kind().name(),
                  f.report().summary(),
                  f.report().changes(),
                  plan == null ? Map.of() : plan.fingerprints()));
        });
    return new SavedPlan(protocol.name(), run.runId, run.startedAt, runtime.engineVersion(), tasks);
  }

  /** The lock's current holder, read without taking it and without opening the state store. */
  public Optional<LockInfo> lockHolder() throws Exception {
    ResourceRegistry[] registry = new ResourceRegistry[1];
    try (ResourceRegistry resources = new ResourceRegistry(openers(() -> registry[0]))) {
      registry[0] = resources;
      return ((LockProvider) protocol.lock().provider())
          .holder(providerContext(protocol.lock().settings(), resources, "upkeep.lock"));
    }
  }

  /**
   * Throws if a live lease is held by another owner: its run may hold resources that only one
   * process can open (the embedded MongoDB's data file), so nothing is opened here.
   */
  private void refuseWhileAnotherApplies() throws Exception {
    Optional<LockInfo> holder;
    try {
      holder = lockHolder().filter(h -> !h.owner().equals(runtime.ownerId()));
    } catch (Exception e) {
      // An unreadable lease says nothing of a run in progress; apply reports it if it stays.
      LOG.warn("The run lock could not be read; planning anyway: {}", storage(e));
      return;
    }
    if (holder.isPresent()) {
      // DEBUG only: the exception says the same to the user, once.
      LOG.debug("Another run is applying ({}); not opening its resources", holder.get().describe());
      throw new LockUnavailableException(holder.get());
    }
  }

  /** Openers of the declared resources; a provider may ask {@code registry} for another. */
  private Map<String, ResourceRegistry.Opener> openers(Supplier<ResourceRegistry> registry) {
    Map<String, ResourceRegistry.Opener> openers = new LinkedHashMap<>();
    protocol
        .resources()
        .forEach(
            (name, entry) ->
                openers.put(
                    name,
                    () ->
                        ((ResourceProvider) entry.provider())
                            .open(
                                name,
                                providerContext(
                                    entry.settings(), registry.get(), "upkeep.resource." + name))));
    return openers;
  }

  private EngineProviderContext providerContext(
      io.camarad.upkeep.api.Settings settings, ResourceRegistry resources, String log) {
    return new EngineProviderContext(
        settings, protocol.stateDirectory(), runtime.clock(), resources, log);
  }

  /** The latest run reports (JSON), newest first. */
  public List<String> history(int limit) throws Exception {
    try (Run run = new Run(RunMode.PLAN)) {
      return run.store.history(limit);
    }
  }

  /**
   * Probes every enabled task; a task's failure is its health.
   *
   * @throws LockUnavailableException if another run is applying
   */
  public Map<String, Health> health() throws Exception {
    refuseWhileAnotherApplies();
    Map<String, Health> health = new TreeMap<>();
    try (Run run = new Run(RunMode.PLAN)) {
      run.start(OptionalLong.empty());
      for (String id : graph.order()) {
        Protocol.TaskEntry entry = protocol.tasks().get(id);
        if (entry.enabled() && entry.skippedBecause() == null) {
          health.put(id, run.executor(id).health());
        }
      }
      for (String name : protocol.resources().keySet()) {
        health.put("resource:" + name, resourceHealth(run, name));
      }
    }
    return health;
  }

  private Health resourceHealth(Run run, String name) {
    try {
      return run.resources.open(name).health();
    } catch (RuntimeException e) {
      return Health.down(runtime.masking().apply(String.valueOf(e.getMessage())));
    }
  }

  /** The state directory of every run. */
  public java.nio.file.Path stateDirectory() {
    return protocol.stateDirectory();
  }

  /** A failure of the engine's storage in words (path, cause, fix), else as it is (masked). */
  private String storage(Exception e) {
    return StorageFailure.describe(e, protocol.stateDirectory())
        .orElseGet(() -> runtime.masking().apply(e.toString()));
  }

  /** One run's resources; closing it releases everything, the lock last. */
  private final class Run implements AutoCloseable {
    final RunMode mode;
    final Instant startedAt;
    final String runId;
    final DeadlineTimer timer = new DeadlineTimer();
    final ResourceRegistry resources;
    final StateStore store;
    final AtomicBoolean lockLost = new AtomicBoolean();
    volatile String lockLostReason = "";
    RunLock lock;
    ScheduledFuture<?> renewal;
    RunScope scope;
    RunStarted started;
    final Map<String, TaskExecutor> executors = new LinkedHashMap<>();
    RunObserver observer = runtime.observer();
    final AuditLog auditLog =
        new AuditLog(
            protocol.stateDirectory(),
            protocol.retention().auditMaxSize(),
            protocol.retention().auditFiles());

    Run(RunMode mode) throws Exception {
      this.mode = mode;
      this.startedAt = runtime.clock().instant();
      this.runId = RunIds.next(startedAt);
      this.resources = new ResourceRegistry(openers(this::resources));
      this.store =
          ((StateStoreProvider) protocol.state().provider())
              .open(providerContext(protocol.state().settings(), "upkeep.state"));
    }

    ResourceRegistry resources() {
      return resources;
    }

    EngineProviderContext providerContext(io.camarad.upkeep.api.Settings settings, String log) {
      return RunEngine.this.providerContext(settings, resources, log);
    }

    void lock() throws Exception {
      LockProvider provider = (LockProvider) protocol.lock().provider();
      lock =
          provider.acquire(
              providerContext(protocol.lock().settings(), "upkeep.lock"),
              new LockProvider.LockRequest(
                  runtime.ownerId(),
                  HostIdentity.host(),
                  HostIdentity.pid(),
                  runId,
                  protocol.lockLease()));
      LOG.info("Run {} took the lock (fencing token {})", runId, lock.info().fencingToken());
      renewal = timer.every(protocol.lockLease().dividedBy(3), this::renew);
    }

    private void renew() {
      try {
        lock.renew();
      } catch (Exception e) {
        lockLostReason = runtime.masking().apply(String.valueOf(e.getMessage()));
        lockLost.set(true);
        LOG.error("Run {} lost the lock; no further task will start: {}", runId, lockLostReason);
      }
    }

    void start(OptionalLong fencing) {
      scope =
          new RunScope(
              runId,
              runtime.clock(),
              startedAt,
              store,
              protocol.stateDirectory(),
              runtime.guards(),
              resources,
              runtime.environment(),
              runtime.masking(),
              fencing,
              observer,
              timer);
      started =
          new RunStarted(
              runId, protocol.name(), HostIdentity.host(), mode, startedAt, graph.order());
      observer.runStarted(started);
    }

    TaskExecutor executor(String id) {
      return executors.computeIfAbsent(
          id,
          k -> {
            Protocol.TaskEntry entry = protocol.tasks().get(k);
            Discovered<UpkeepTask> task = plugins.tasks().get(k);
            return new TaskExecutor(
                task.plugin(),
                entry.settings(),
                entry.timeout(),
                entry.retries(),
                task.source().describe(),
                scope);
          });
    }

    TaskScheduler scheduler(RunMode as, java.util.function.BooleanSupplier stop) {
      return new TaskScheduler(
          graph,
          as,
          protocol.parallelism(),
          as == RunMode.APPLY && protocol.allOrNothing(),
          this::executor,
          this::gate,
          stop,
          as == RunMode.APPLY ? new AuditingObserver(observer, this::auditTaskFinished) : observer);
    }

    /** Disabled and not-configured tasks are skipped without being asked to plan. */
    private TaskScheduler.Finished gate(String id) {
      Protocol.TaskEntry entry = protocol.tasks().get(id);
      String why = !entry.enabled() ? "disabled in the protocol" : entry.skippedBecause();
      if (why == null) {
        return null;
      }
      LOG.info("Task {} skipped: {}", id, why);
      TaskReport report =
          new TaskReport(
              id,
              TaskStatus.SKIPPED,
              why,
              List.of(),
              Duration.ZERO,
              Map.of(),
              null,
              executor(id).source());
      return new TaskScheduler.Finished(null, null, report, null);
    }

    RunReport report(
        RunStatus status, Map<String, TaskScheduler.Finished> finished, ErrorInfo error) {
      List<TaskReport> tasks =
          finished.values().stream().map(TaskScheduler.Finished::report).toList();
      RunReport report =
          new RunReport(
              runId,
              protocol.name(),
              HostIdentity.host(),
              mode,
              status,
              startedAt,
              runtime.clock().instant(),
              runtime.engineVersion(),
              tasks,
              error);
      if (status.failed()) {
        LOG.error(
            "Run {} ({}) ended {}: {}",
            runId,
            mode,
            status,
            error == null ? "" : OneLine.of(error.message()));
      } else {
        LOG.info("Run {} ({}) ended {}", runId, mode, status);
      }
      return report;
    }

    /** Audits a task's end when it happens, stamped with that moment. */
    void auditTaskFinished(TaskReport task) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("task", task.taskId());
      fields.put("status", task.status().name());
      fields.put("summary", task.summary());
      if (task.error() != null) {
        fields.put("error", task.error());
      }
      audit("task-finished", fields);
    }

    void audit(String event, Map<String, Object> fields) {
      try {
        auditLog.append(runtime.clock().instant(), runId, event, fields);
      } catch (Exception e) {
        LOG.error("Run {}: the audit log could not be written: {}", runId, storage(e));
      }
    }

    /** History, audit lines, metrics: every record of an apply. */
    void record(RunReport report) {
      String json = runtime.masking().apply(JsonCodec.pretty(report));
      try {
        store.recordRun(runId, json);
      } catch (Exception e) {
        LOG.error("Run {}: its report could not be added to the history: {}", runId, storage(e));
      }
      pruneHistory();
      Map<String, Object> end = new LinkedHashMap<>();
      end.put("status", report.status().name());
      end.put("durationMillis", report.duration().toMillis());
      if (report.error() != null) {
        end.put("error", report.error());
      }
      audit("run-finished", end);
      writeMetrics(report);
    }

    /** Keeps the newest {@code history.keep} reports, when the store lets the engine trim. */
    private void pruneHistory() {
      if (!(store instanceof HistoryPruning pruning)) {
        return;
      }
      try {
        int deleted = pruning.pruneHistory(protocol.retention().keep());
        if (deleted > 0) {
          LOG.debug(
              "Run {}: deleted the {} oldest run reports (history.keep {})",
              runId,
              deleted,
              protocol.retention().keep());
        }
      } catch (Exception e) {
        LOG.warn("Run {}: old run reports could not be deleted: {}", runId, storage(e));
      }
    }

    private void writeMetrics(RunReport report) {
      if (protocol.metricsTextfile() == null && protocol.metricsPush() == null) {
        return;
      }
      Map<String, Instant> lastSuccess = new TreeMap<>();
      String previous = "";
      try {
        for (String id : graph.order()) {
          store.load(id).map(TaskStateRecord::lastSuccess).ifPresent(at -> lastSuccess.put(id, at));
        }
        if (protocol.metricsTextfile() != null) {
          MetricsTextfile textfile = new MetricsTextfile(protocol.metricsTextfile());
          previous = textfile.previous();
          textfile.write(report, lastSuccess);
        }
      } catch (IOException e) {
        LOG.warn(
            "Run {}: metrics could not be written to {}: {}; make its directory writable"
                + " or change metrics.textfile",
            runId,
            protocol.metricsTextfile(),
            StorageFailure.causeOf(e));
      } catch (Exception e) {
        LOG.warn(
            "Run {}: metrics could not be written to {}: {}",
            runId,
            protocol.metricsTextfile(),
            storage(e));
      }
      pushMetrics(report, lastSuccess, previous);
    }

    private void pushMetrics(RunReport report, Map<String, Instant> lastSuccess, String previous) {
      MetricsPush push = protocol.metricsPush();
      if (push == null) {
        return;
      }
      try {
        push.push(report, lastSuccess, previous);
        LOG.debug("Run {}: metrics pushed to {}", runId, push.describe());
      } catch (Exception | LinkageError e) {
        LOG.warn(
            "Run {}: metrics could not be pushed to {}: {}",
            runId,
            push.describe(),
            OneLine.of(runtime.masking().apply(e.toString())));
      }
    }

    @Override
    public void close() {
      resources.close();
      if (renewal != null) {
        renewal.cancel(false);
      }
      timer.close();
      releaseLock();
      try {
        store.close();
      } catch (Exception e) {
        LOG.warn("The state store failed to close: {}", e.toString());
      }
    }

    private void releaseLock() {
      if (lock == null) {
        return;
      }
      try {
        lock.close();
        LOG.debug("Run {} released the lock", runId);
      } catch (Exception e) {
        LOG.warn(
            "Run {} could not release the lock (it lapses at {}): {}",
            runId,
            lock.info().expiresAt(),
            storage(e));
      }
    }
  }

  /** Audits each task's end as it happens, then tells {@code next}. */
  private record AuditingObserver(RunObserver next, java.util.function.Consumer<TaskReport> audit)
      implements RunObserver {
    @Override
    public void line(String taskId, String line) {
      next.line(taskId, line);
    }

    @Override
    public void runStarted(RunStarted started) {
      next.runStarted(started);
    }

    @Override
    public void taskStarted(String taskId, RunMode mode) {
      next.taskStarted(taskId, mode);
    }

    @Override
    public void taskFinished(TaskReport report) {
      audit.accept(report);
      next.taskFinished(report);
    }

    @Override
    public void runFinished(RunReport report) {
      next.runFinished(report);
    }
  }
}
