package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.TaskState;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A task's state during one call: read-only in a plan, writable in apply and undo. */
public final class TaskStateView implements TaskState {
  private final TaskStateRecord loaded;
  private final Map<String, String> values;
  private final boolean readOnly;

  public TaskStateView(TaskStateRecord loaded, boolean readOnly) {
    this.loaded = loaded;
    this.values = new TreeMap<>(loaded.values());
    this.readOnly = readOnly;
  }

  @Override
  public synchronized Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public synchronized void put(String key, String value) {
    checkWritable(key);
    values.put(key, value);
  }

  @Override
  public synchronized void remove(String key) {
    checkWritable(key);
    values.remove(key);
  }

  private void checkWritable(String key) {
    if (readOnly) {
      throw new IllegalStateException(
          "task '"
              + loaded.taskId()
              + "' tried to change state key '"
              + key
              + "' during a plan; state is read-only until apply");
    }
  }

  @Override
  public synchronized Map<String, String> values() {
    return Map.copyOf(values);
  }

  @Override
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(loaded.lastSuccess());
  }

  @Override
  public Map<String, String> lastFingerprints() {
    return loaded.fingerprints();
  }

  /** The record as loaded, before this call. */
  public TaskStateRecord loaded() {
    return loaded;
  }

  /** The loaded record with the values as they are now. */
  public synchronized TaskStateRecord withCurrentValues() {
    return new TaskStateRecord(
        loaded.taskId(), values, loaded.lastSuccess(), loaded.lastRunId(), loaded.fingerprints());
  }
}
