package io.camarad.upkeep.api;

/**
 * Usage counters of a task, summed over the run and exported as metrics (as {@code
 * upkeep_task_usage_total{task,name}}). Names are lowercase with underscores: {@code api_calls},
 * {@code units_written}, {@code embedding_tokens}.
 *
 * @since 0.1
 */
public interface UsageRecorder {

  /** Adds {@code amount} to the counter {@code name}. Thread-safe. */
  void add(String name, long amount);

  /** Adds one to the counter {@code name}. */
  default void increment(String name) {
    add(name, 1);
  }
}
