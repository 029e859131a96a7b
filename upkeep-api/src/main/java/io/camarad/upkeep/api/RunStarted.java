package io.camarad.upkeep.api;

import java.time.Instant;
import java.util.List;

/**
 * A run is starting.
 *
 * @param runId the run's id
 * @param protocol the protocol's name
 * @param host the host name of the machine running it
 * @param mode plan or apply
 * @param startedAt when it started
 * @param taskIds the tasks it will consider, in order
 * @since 0.1
 */
public record RunStarted(
    String runId,
    String protocol,
    String host,
    RunMode mode,
    Instant startedAt,
    List<String> taskIds) {
  public RunStarted {
    taskIds = List.copyOf(taskIds);
  }
}
