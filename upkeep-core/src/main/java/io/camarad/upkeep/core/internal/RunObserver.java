package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.TaskReport;

/** Hears about a run as it goes; called from task threads, so implementations are thread-safe. */
public interface RunObserver extends ProgressSink {
  void runStarted(RunStarted started);

  void taskStarted(String taskId, RunMode mode);

  void taskFinished(TaskReport report);

  void runFinished(RunReport report);
}
