package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.spi.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What every task call of one run shares.
 *
 * @param runId the run's id
 * @param clock the run's clock
 * @param startedAt when the run started
 * @param stateStore where task state is kept (only read in a plan)
 * @param stateDirectory the state directory (task data directories live under it)
 * @param services retries and circuit breakers
 * @param resources shared resources
 * @param environment the effective environment, for {@code TaskContext.secret}
 * @param masker masks every known secret value in a text
 * @param fencingToken the lock's fencing token, when applying under a lock that has one
 * @param progress where progress lines go
 * @param timer deadlines
 */
public record RunScope(
    String runId,
    Clock clock,
    Instant startedAt,
    StateStore stateStore,
    Path stateDirectory,
    ServiceGuards services,
    ResourceRegistry resources,
    Map<String, String> environment,
    SecretMasking masker,
    OptionalLong fencingToken,
    ProgressSink progress,
    DeadlineTimer timer) {

  /** The data directory of a task: {@code <stateDir>/tasks/<id>}. */
  public Path dataDirectory(String taskId) {
    return stateDirectory.resolve("tasks").resolve(taskId);
  }
}
