package io.camarad.upkeep.task.mongo;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A task context for tests: one call at a time, resources handed in, calls run once. */
final class TestTaskContext implements TaskContext {
  private final String runId;
  private final RunMode mode;
  private final Settings settings;
  private final Path dataDirectory;
  private final Clock clock;
  private final Map<String, Object> resources;
  final Map<String, Long> usage = new ConcurrentHashMap<>();
  final Map<String, String> state = new ConcurrentHashMap<>();
  private Duration timeLeft = Duration.ofMinutes(10);

  TestTaskContext(
      String runId,
      RunMode mode,
      Settings settings,
      Path dataDirectory,
      Clock clock,
      Map<String, Object> resources) {
    this.runId = runId;
    this.mode = mode;
    this.settings = settings;
    this.dataDirectory = dataDirectory;
    this.clock = clock;
    this.resources = resources;
  }

  @Override
  public String taskId() {
    return "mongo";
  }

  @Override
  public String runId() {
    return runId;
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
    return new TaskState() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
      }

      @Override
      public void put(String key, String value) {
        if (mode == RunMode.PLAN) {
          throw new IllegalStateException("state is read-only during a plan");
        }
        state.put(key, value);
      }

      @Override
      public void remove(String key) {
        state.remove(key);
      }

      @Override
      public Map<String, String> values() {
        return Map.copyOf(state);
      }

      @Override
      public Optional<Instant> lastSuccess() {
        return Optional.empty();
      }

      @Override
      public Map<String, String> lastFingerprints() {
        return Map.of();
      }
    };
  }

  @Override
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  TestTaskContext timeLeft(Duration left) {
    this.timeLeft = left;
    return this;
  }

  @Override
  public Instant deadline() {
    return clock.instant().plus(timeLeft);
  }

  @Override
  public Cancellation cancellation() {
    return new Cancellation() {
      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public String reason() {
        return "";
      }
    };
  }

  @Override
  public ProgressReporter progress() {
    return new ProgressReporter() {
      @Override
      public void report(String message) {}

      @Override
      public void report(long done, long total, String unit) {}
    };
  }

  @Override
  public UsageRecorder usage() {
    return (name, amount) -> usage.merge(name, amount, Long::sum);
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("upkeep.task.mongo");
  }

  @Override
  public ServiceCalls services() {
    return new ServiceCalls() {
      @Override
      public <T> T call(String service, Call<T> call) throws Exception {
        return call.attempt();
      }
    };
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    Object resource = resources.get(name);
    if (!type.isInstance(resource)) {
      throw new IllegalArgumentException("no resource '" + name + "' of type " + type);
    }
    return type.cast(resource);
  }

  @Override
  public boolean hasResource(String name) {
    return resources.containsKey(name);
  }

  @Override
  public Optional<Secret> secret(String variable) {
    return Optional.empty();
  }

  /** The run lock's fencing token handed to the task; none unless a test sets one. */
  OptionalLong fencing = OptionalLong.empty();

  @Override
  public OptionalLong fencingToken() {
    return fencing;
  }

  @Override
  public Instant runStartedAt() {
    return clock.instant();
  }
}
