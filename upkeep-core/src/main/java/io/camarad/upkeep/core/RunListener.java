package io.camarad.upkeep.core;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.TaskReport;

/**
 * Hears about a run as it goes, for progress output. Task events come from the task threads,
 * possibly at the same time, so implementations must be thread-safe; run events come from the
 * thread that called plan or apply. Texts have secrets masked. An exception thrown here is logged
 * as a warning and ignored.
 *
 * @since 0.1
 */
public interface RunListener {
  /** A run is starting. */
  default void runStarted(RunStarted started) {}

  /** A task is about to plan (and, when applying, apply). */
  default void taskStarted(String taskId, RunMode mode) {}

  /** A task reported progress. */
  default void taskProgress(String taskId, String line) {}

  /** A task finished (also for skipped and not-run tasks, and after compensation). */
  default void taskFinished(TaskReport report) {}

  /** The run ended; its report. */
  default void runFinished(RunReport report) {}
}
