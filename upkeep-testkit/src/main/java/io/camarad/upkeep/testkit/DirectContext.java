package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.ProgressReporter;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskState;
import io.camarad.upkeep.api.UsageRecorder;
import io.camarad.upkeep.core.internal.DeadlineCancellation;
import io.camarad.upkeep.core.internal.EngineTaskContext;
import io.camarad.upkeep.core.internal.TaskStateView;
import io.camarad.upkeep.core.internal.UsageCounters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;

/**
 * The engine's real task context for one direct call of a task's {@code plan}, {@code apply},
 * {@code undo} or {@code health}, from {@link TaskHarness#context(RunMode)}: the harness's bound
 * settings, state, clock, resources, environment and service policies, but none of the engine's
 * decisions around the call (no due rule, no undo when apply throws, no fingerprints). So a test
 * can let apply throw at a write step and look at what a crash leaves behind, or apply a plan of
 * its own choosing.
 *
 * <p>Close it (try-with-resources): in {@link RunMode#APPLY} closing saves the state values the
 * task left, as the engine saves them after a call, failed or not; a PLAN context saves nothing.
 * {@link #save()} saves earlier, for example between two calls on one context.
 *
 * @since 0.1
 */
public final class DirectContext implements TaskContext, AutoCloseable {
  private final EngineTaskContext context;
  private final DeadlineCancellation cancellation;
  private final TaskStateView state;
  private final UsageCounters usage;
  private final StateSaver saver;
  private final Runnable release;
  private boolean closed;

  /** Saves a state view to the harness's state directory. */
  @FunctionalInterface
  interface StateSaver {
    void save(TaskStateView state);
  }

  DirectContext(
      EngineTaskContext context,
      DeadlineCancellation cancellation,
      TaskStateView state,
      UsageCounters usage,
      StateSaver saver,
      Runnable release) {
    this.context = context;
    this.cancellation = cancellation;
    this.state = state;
    this.usage = usage;
    this.saver = saver;
    this.release = release;
  }

  /** Saves the state values as they are now; nothing in a PLAN context. */
  public void save() {
    if (context.mode() == RunMode.APPLY) {
      saver.save(state);
    }
  }

  /**
   * Cancels the call, as the engine does when the deadline passes or the run is stopped: the task
   * sees {@link Cancellation#isCancelled()} with {@code why} as the reason.
   */
  public void cancel(String why) {
    cancellation.cancel(why);
  }

  /** The usage counters the task recorded through this context. */
  public Map<String, Long> usageCounts() {
    return usage.snapshot();
  }

  /** Saves the state (APPLY only) and releases the resources and log capture; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      save();
    } finally {
      release.run();
    }
  }

  @Override
  public String taskId() {
    return context.taskId();
  }

  @Override
  public String runId() {
    return context.runId();
  }

  @Override
  public RunMode mode() {
    return context.mode();
  }

  @Override
  public Settings settings() {
    return context.settings();
  }

  @Override
  public TaskState state() {
    return context.state();
  }

  @Override
  public Path dataDirectory() {
    return context.dataDirectory();
  }

  @Override
  public Clock clock() {
    return context.clock();
  }

  @Override
  public Instant deadline() {
    return context.deadline();
  }

  @Override
  public Cancellation cancellation() {
    return context.cancellation();
  }

  @Override
  public ProgressReporter progress() {
    return context.progress();
  }

  @Override
  public UsageRecorder usage() {
    return context.usage();
  }

  @Override
  public Logger logger() {
    return context.logger();
  }

  @Override
  public ServiceCalls services() {
    return context.services();
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    return context.resource(name, type);
  }

  @Override
  public boolean hasResource(String name) {
    return context.hasResource(name);
  }

  @Override
  public Optional<Secret> secret(String variable) {
    return context.secret(variable);
  }

  @Override
  public OptionalLong fencingToken() {
    return context.fencingToken();
  }

  @Override
  public Instant runStartedAt() {
    return context.runStartedAt();
  }
}
