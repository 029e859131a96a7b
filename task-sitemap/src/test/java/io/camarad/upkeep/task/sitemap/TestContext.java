package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.ProgressReporter;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskState;
import io.camarad.upkeep.api.UsageRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task context for tests, standing in for the engine's until the test kit is used: settings bound
 * against the task's spec, state kept in a map shared across runs, retries of retryable service
 * failures without real waiting (the waits asked for are recorded).
 */
final class TestContext implements TaskContext {
  static final Logger LOG = LoggerFactory.getLogger("upkeep.task.sitemap");

  private final String runId;
  private final RunMode mode;
  private final Settings settings;
  private final Map<String, String> stateValues;
  private final Path dataDirectory;
  private final Map<String, Object> resources;
  private final Map<String, String> environment;
  final Map<String, Long> usage = new ConcurrentHashMap<>();
  final List<Duration> retryWaits = new ArrayList<>();
  final List<Exception> retried = new ArrayList<>();
  int maxAttempts = 3;

  TestContext(
      String runId,
      RunMode mode,
      Settings settings,
      Map<String, String> stateValues,
      Path dataDirectory,
      Map<String, Object> resources,
      Map<String, String> environment) {
    this.runId = runId;
    this.mode = mode;
    this.settings = settings;
    this.stateValues = stateValues;
    this.dataDirectory = dataDirectory;
    this.resources = resources;
    this.environment = environment;
  }

  @Override
  public String taskId() {
    return "sitemap";
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
        return Optional.ofNullable(stateValues.get(key));
      }

      @Override
      public void put(String key, String value) {
        writable();
        stateValues.put(key, value);
      }

      @Override
      public void remove(String key) {
        writable();
        stateValues.remove(key);
      }

      @Override
      public Map<String, String> values() {
        return Map.copyOf(stateValues);
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

  private void writable() {
    if (mode == RunMode.PLAN) {
      throw new IllegalStateException("state is read-only during a plan");
    }
  }

  @Override
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Instant deadline() {
    return Instant.now().plus(Duration.ofMinutes(10));
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
    return LOG;
  }

  @Override
  public ServiceCalls services() {
    return new ServiceCalls() {
      @Override
      public <T> T call(String service, Call<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
          try {
            return call.attempt();
          } catch (ServiceException e) {
            if (!e.retryable() || attempt >= maxAttempts) {
              throw e;
            }
            retried.add(e);
            e.retryAfter().ifPresent(retryWaits::add);
          }
        }
      }
    };
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    Object resource = resources.get(name);
    if (resource == null) {
      throw new IllegalArgumentException("no resource '" + name + "'");
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
    return Instant.now();
  }
}
