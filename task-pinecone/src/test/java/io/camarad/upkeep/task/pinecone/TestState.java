package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.TaskState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A task's state kept in memory across runs, read-only while planning, as the engine does. */
public final class TestState implements TaskState {
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private volatile Instant lastSuccess;
  private volatile Map<String, String> lastFingerprints = Map.of();
  private volatile boolean readOnly;

  void readOnly(boolean readOnly) {
    this.readOnly = readOnly;
  }

  void succeeded(Instant at, Map<String, String> fingerprints) {
    this.lastSuccess = at;
    this.lastFingerprints = Map.copyOf(fingerprints);
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void put(String key, String value) {
    if (readOnly) {
      throw new IllegalStateException("state is read-only during a plan");
    }
    values.put(key, value);
  }

  @Override
  public void remove(String key) {
    if (readOnly) {
      throw new IllegalStateException("state is read-only during a plan");
    }
    values.remove(key);
  }

  @Override
  public Map<String, String> values() {
    return Map.copyOf(values);
  }

  @Override
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }

  @Override
  public Map<String, String> lastFingerprints() {
    return lastFingerprints;
  }
}
