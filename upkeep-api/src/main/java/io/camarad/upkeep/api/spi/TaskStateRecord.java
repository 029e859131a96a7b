package io.camarad.upkeep.api.spi;

import java.time.Instant;
import java.util.Map;

/**
 * The persisted state of one task.
 *
 * @param taskId the task
 * @param values the task's own values
 * @param lastSuccess when it last applied or was found up to date, or {@code null}
 * @param lastRunId the run of {@code lastSuccess}, or {@code null}
 * @param fingerprints the input fingerprints of that run
 * @since 0.1
 */
public record TaskStateRecord(
    String taskId,
    Map<String, String> values,
    Instant lastSuccess,
    String lastRunId,
    Map<String, String> fingerprints) {
  public TaskStateRecord {
    values = Map.copyOf(values);
    fingerprints = Map.copyOf(fingerprints);
  }

  /** The state of a task that never ran. */
  public static TaskStateRecord empty(String taskId) {
    return new TaskStateRecord(taskId, Map.of(), null, null, Map.of());
  }
}
