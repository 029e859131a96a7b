package io.camarad.upkeep.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A task's own persisted state: string values by key (store JSON for structured values), plus what
 * the engine records of its last successful run. Kept by the configured state store (files under
 * the state directory by default), written atomically.
 *
 * <p>Read-only during a plan: {@link #put} and {@link #remove} then throw {@link
 * IllegalStateException}. Thread-safe.
 *
 * @since 0.1
 */
public interface TaskState {

  /** The value stored under {@code key}. */
  Optional<String> get(String key);

  /** Stores a value; saved when the current apply or undo call returns. */
  void put(String key, String value);

  /** Removes a value. */
  void remove(String key);

  /** A snapshot of every stored value. */
  Map<String, String> values();

  /** When the task last applied successfully or was found up to date. */
  Optional<Instant> lastSuccess();

  /** The input fingerprints of the last successful run. */
  Map<String, String> lastFingerprints();
}
