package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.testkit.DirectContext;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task through the test kit's {@link TaskHarness}: the engine's plan, due rule, apply and
 * recorded fingerprints, with state under {@code <stateRoot>/tasks/<id>}. A plan of the test's
 * choosing is applied through the kit's direct context, as a saved plan would be.
 */
public final class TaskRunner {
  private final UpkeepTask task;
  private final Map<String, Object> settings;
  private final Map<String, String> environment;
  private final Map<String, Object> resources;
  private final Path stateRoot;
  private Clock clock = Clock.systemUTC();
  private RetryingServices services = new RetryingServices(5, 1);
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public TaskRunner(
      UpkeepTask task,
      Map<String, ?> settings,
      Map<String, String> environment,
      Map<String, Object> resources,
      Path stateRoot) {
    this.task = task;
    this.settings = new HashMap<>(settings);
    this.environment = Map.copyOf(environment);
    this.resources = Map.copyOf(resources);
    this.stateRoot = stateRoot;
  }

  /** The log lines of one run, as the engine captured them. */
  public record Logs(List<String> lines) {}

  /** The outcome of one run; usage holds the run's usage counters and outcome counts. */
  public record Result(
      TaskPlan plan,
      boolean applied,
      TaskOutcome outcome,
      Throwable error,
      Map<String, Long> usage,
      Logs logger) {

    public boolean failed() {
      return error != null;
    }
  }

  public TaskRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** The attempts per service call for the next runs; the retries made are counted there. */
  public TaskRunner services(RetryingServices services) {
    this.services = services;
    return this;
  }

  /** Changes one setting for the next runs. */
  public TaskRunner set(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  /** Set to cancel the next {@link #applyOnly} before the task starts. */
  public AtomicBoolean cancelled() {
    return cancelled;
  }

  /** The task's data directory. */
  public Path dataDirectory() {
    return harness().dataDirectory();
  }

  /** The task's persisted state values. */
  public Map<String, String> state() {
    return harness().state();
  }

  private TaskHarness harness() {
    TaskHarness.Builder builder =
        TaskHarness.forTask(task)
            .settings(settings)
            .environment(environment)
            .clock(clock)
            .stateDirectory(stateRoot)
            .service(
                "pinecone",
                ServicePolicy.fast()
                    .withMaxAttempts(services.maxAttempts())
                    .withCircuitBreaker(100, 1000, Duration.ofSeconds(1)));
    resources.forEach(builder::resource);
    return builder.build();
  }

  /** Plans only. */
  public TaskPlan plan() throws Exception {
    return harness().plan();
  }

  /** The task's health, through a PLAN context. */
  public Health health() {
    try (DirectContext context = harness().context(RunMode.PLAN)) {
      return task.health(context);
    }
  }

  /** Plans, and applies when the plan is due. */
  public Result run() {
    TaskHarness harness = harness();
    RunResult result = harness.apply();
    services.count(harness.logs());
    boolean applied =
        result.plan() != null
            && result.status() != TaskStatus.UP_TO_DATE
            && result.status() != TaskStatus.SKIPPED;
    TaskOutcome outcome = result.status() == TaskStatus.APPLIED ? result.outcome() : null;
    return new Result(
        result.plan(),
        applied,
        outcome,
        result.error().orElse(null),
        result.usage(),
        new Logs(harness.logs()));
  }

  /** Applies without planning first, as a saved plan would be applied. */
  public Result applyOnly(TaskPlan plan) {
    TaskHarness harness = harness();
    Throwable error = null;
    TaskOutcome outcome = null;
    Map<String, Long> usage;
    try (DirectContext context = harness.context(RunMode.APPLY)) {
      if (cancelled.get()) {
        context.cancel("cancelled by the test");
      }
      try {
        outcome = task.apply(context, plan);
      } catch (Exception e) {
        error = e;
      }
      usage = new TreeMap<>(context.usageCounts());
    }
    services.count(harness.logs());
    return new Result(plan, true, outcome, error, usage, new Logs(harness.logs()));
  }
}
