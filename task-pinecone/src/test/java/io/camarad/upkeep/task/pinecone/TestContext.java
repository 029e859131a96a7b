package io.camarad.upkeep.task.pinecone;

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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** A task context for tests and benchmarks, with the parts the engine would provide. */
public final class TestContext implements TaskContext {
  private final RunMode mode;
  private final Settings settings;
  private final TestState state;
  private final Path dataDirectory;
  private final Clock clock;
  private final ServiceCalls services;
  private final Map<String, Object> resources;
  private final Map<String, String> environment;
  private final CapturingLogger logger;
  private final Map<String, AtomicLong> usage;
  private final AtomicBoolean cancelled;
  private final Instant startedAt;

  TestContext(
      RunMode mode,
      Settings settings,
      TestState state,
      Path dataDirectory,
      Clock clock,
      ServiceCalls services,
      Map<String, Object> resources,
      Map<String, String> environment,
      CapturingLogger logger,
      Map<String, AtomicLong> usage,
      AtomicBoolean cancelled) {
    this.mode = mode;
    this.settings = settings;
    this.state = state;
    this.dataDirectory = dataDirectory;
    this.clock = clock;
    this.services = services;
    this.resources = resources;
    this.environment = environment;
    this.logger = logger;
    this.usage = usage;
    this.cancelled = cancelled;
    this.startedAt = clock.instant();
  }

  @Override
  public String taskId() {
    return "pinecone";
  }

  @Override
  public String runId() {
    return "test-run";
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
    return dataDirectory;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Instant deadline() {
    return Instant.MAX;
  }

  @Override
  public java.time.Duration remaining() {
    return java.time.Duration.ofHours(1);
  }

  @Override
  public Cancellation cancellation() {
    return new Cancellation() {
      @Override
      public boolean isCancelled() {
        return cancelled.get();
      }

      @Override
      public String reason() {
        return cancelled.get() ? "cancelled by the test" : "";
      }
    };
  }

  @Override
  public ProgressReporter progress() {
    return new ProgressReporter() {
      @Override
      public void report(String message) {
        logger.debug("progress: {}", message);
      }

      @Override
      public void report(long done, long total, String unit) {
        logger.debug("progress: {}/{} {}", done, total, unit);
      }
    };
  }

  @Override
  public UsageRecorder usage() {
    return (name, amount) -> usage.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(amount);
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
    Object resource = resources.get(name);
    if (!type.isInstance(resource)) {
      throw new IllegalArgumentException("no resource '" + name + "' of type " + type.getName());
    }
    return type.cast(resource);
  }

  @Override
  public boolean hasResource(String name) {
    return resources.containsKey(name);
  }

  @Override
  public Optional<Secret> secret(String variable) {
    return Optional.ofNullable(environment.get(variable)).map(v -> Secret.of(variable, v));
  }

  @Override
  public OptionalLong fencingToken() {
    return OptionalLong.empty();
  }

  @Override
  public Instant runStartedAt() {
    return startedAt;
  }

  static Map<String, AtomicLong> newUsage() {
    return new ConcurrentHashMap<>();
  }
}
