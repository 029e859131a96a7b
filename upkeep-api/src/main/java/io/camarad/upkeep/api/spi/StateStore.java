package io.camarad.upkeep.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * Keeps task state and run history. Implementations write atomically: a reader sees the old record
 * or the new one, never a mix, even if the process is killed mid-write.
 *
 * @since 0.1
 */
public interface StateStore extends AutoCloseable {

  /** The state of a task, if it ever ran. */
  Optional<TaskStateRecord> load(String taskId) throws Exception;

  /** Replaces the state of a task. */
  void save(TaskStateRecord state) throws Exception;

  /** Adds a run's report (JSON) to the history. */
  void recordRun(String runId, String reportJson) throws Exception;

  /** The reports (JSON) of the latest runs, newest first. */
  List<String> history(int limit) throws Exception;

  @Override
  default void close() throws Exception {}
}
