package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.ProgressReporter;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskState;
import io.camarad.upkeep.api.UsageRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of one task call. Thread-safe. Public so that the test kit can hand a task the real
 * context for direct calls; not an API.
 */
public final class EngineTaskContext implements TaskContext {
  private final String taskId;
  private final RunMode mode;
  private final Settings settings;
  private final TaskStateView state;
  private final RunScope scope;
  private final Instant deadline;
  private final DeadlineCancellation cancellation;
  private final UsageCounters usage;
  private final Logger logger;
  private final ServiceCalls services;

  /** A context for one call of task {@code taskId} within the run {@code scope}. */
  public EngineTaskContext(
      String taskId,
      RunMode mode,
      Settings settings,
      TaskStateView state,
      RunScope scope,
      Instant deadline,
      DeadlineCancellation cancellation,
      UsageCounters usage) {
    this.taskId = taskId;
    this.mode = mode;
    this.settings = settings;
    this.state = state;
    this.scope = scope;
    this.deadline = deadline;
    this.cancellation = cancellation;
    this.usage = usage;
    this.logger =
        MaskingLogger.wrap(LoggerFactory.getLogger("upkeep.task." + taskId), scope.masker());
    this.services =
        scope.services().forTask(taskId, scope.clock(), deadline, cancellation, scope.masker());
  }

  @Override
  public String taskId() {
    return taskId;
  }

  @Override
  public String runId() {
    return scope.runId();
  }

  @Override
  public RunMode mode() {
    return mode;
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public TaskState state() {
    return state;
  }

  @Override
  public Path dataDirectory() {
    return scope.dataDirectory(taskId);
  }

  @Override
  public Clock clock() {
    return scope.clock();
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public ProgressReporter progress() {
    return new ProgressReporter() {
      @Override
      public void report(String message) {
        scope.progress().line(taskId, scope.masker().apply(message));
      }

      @Override
      public void report(long done, long total, String unit) {
        report(done + "/" + total + " " + unit);
      }
    };
  }

  @Override
  public UsageRecorder usage() {
    return usage;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public ServiceCalls services() {
    return services;
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    return scope.resources().get(name, type);
  }

  @Override
  public boolean hasResource(String name) {
    return scope.resources().has(name);
  }

  @Override
  public Optional<Secret> secret(String variable) {
    String value = scope.environment().get(variable);
    if (value == null) {
      return Optional.empty();
    }
    scope.masker().register(value);
    return Optional.of(Secret.of(variable, value));
  }

  @Override
  public OptionalLong fencingToken() {
    return scope.fencingToken();
  }

  @Override
  public Instant runStartedAt() {
    return scope.startedAt();
  }
}
