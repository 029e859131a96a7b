package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UpkeepTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a task as the engine would: plan, then apply when due, then record the fingerprints and the
 * time of success. State and data directory persist across runs of one runner.
 */
public final class TaskRunner {
  private final UpkeepTask task;
  private final Map<String, Object> settings;
  private final Map<String, String> environment;
  private final Map<String, Object> resources;
  private final Path dataDirectory;
  private final TestState state = new TestState();
  private Clock clock = Clock.systemUTC();
  private ServiceCalls services = new RetryingServices(5, 1);
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public TaskRunner(
      UpkeepTask task,
      Map<String, ?> settings,
      Map<String, String> environment,
      Map<String, Object> resources,
      Path dataDirectory) {
    this.task = task;
    this.settings = new HashMap<>(settings);
    this.environment = Map.copyOf(environment);
    this.resources = Map.copyOf(resources);
    this.dataDirectory = dataDirectory;
  }

  /** The outcome of one run. */
  public record Result(
      TaskPlan plan,
      boolean applied,
      TaskOutcome outcome,
      Exception error,
      Map<String, Long> usage,
      CapturingLogger logger) {

    public boolean failed() {
      return error != null;
    }
  }

  public TaskRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public TaskRunner services(ServiceCalls services) {
    this.services = services;
    return this;
  }

  /** Changes one setting for the next runs. */
  public TaskRunner set(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  public AtomicBoolean cancelled() {
    return cancelled;
  }

  public TestState state() {
    return state;
  }

  public TestContext context(RunMode mode, CapturingLogger logger, Map<String, AtomicLong> usage) {
    Settings resolved = new MapSettings(task.settingsSpec(), settings, environment);
    return new TestContext(
        mode,
        resolved,
        state,
        dataDirectory,
        clock,
        services,
        resources,
        environment,
        logger,
        usage,
        cancelled);
  }

  /** Plans only. */
  public TaskPlan plan() throws Exception {
    state.readOnly(true);
    try {
      return task.plan(
          context(RunMode.PLAN, new CapturingLogger("pinecone"), TestContext.newUsage()));
    } finally {
      state.readOnly(false);
    }
  }

  /** Plans, and applies when the plan is due. */
  public Result run() throws Exception {
    CapturingLogger logger = new CapturingLogger("pinecone");
    Map<String, AtomicLong> usage = TestContext.newUsage();
    TaskPlan plan = plan();
    boolean due =
        plan.kind() == TaskPlan.Kind.CHANGES
            || plan.kind() == TaskPlan.Kind.UNPREDICTABLE
            || !plan.fingerprints().equals(state.lastFingerprints());
    if (plan.kind() == TaskPlan.Kind.NOT_CONFIGURED || !due) {
      return new Result(plan, false, null, null, snapshot(usage), logger);
    }
    Files.createDirectories(dataDirectory);
    try {
      TaskOutcome outcome = task.apply(context(RunMode.APPLY, logger, usage), plan);
      state.succeeded(clock.instant(), plan.fingerprints());
      return new Result(plan, true, outcome, null, snapshot(usage), logger);
    } catch (Exception e) {
      logger.error("Task 'pinecone' failed: {}", e.getMessage(), e);
      return new Result(plan, true, null, e, snapshot(usage), logger);
    }
  }

  /** Applies without planning first, as a saved plan would be applied. */
  public Result applyOnly(TaskPlan plan) throws Exception {
    CapturingLogger logger = new CapturingLogger("pinecone");
    Map<String, AtomicLong> usage = TestContext.newUsage();
    Files.createDirectories(dataDirectory);
    try {
      TaskOutcome outcome = task.apply(context(RunMode.APPLY, logger, usage), plan);
      return new Result(plan, true, outcome, null, snapshot(usage), logger);
    } catch (Exception e) {
      logger.error("Task 'pinecone' failed: {}", e.getMessage(), e);
      return new Result(plan, true, null, e, snapshot(usage), logger);
    }
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> usage) {
    Map<String, Long> copy = new TreeMap<>();
    usage.forEach((name, value) -> copy.put(name, value.get()));
    return copy;
  }
}
