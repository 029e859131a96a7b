package io.camarad.upkeep.core.internal;

/** Where progress lines of tasks go (the run's listeners). Implementations are thread-safe. */
@FunctionalInterface
public interface ProgressSink {
  /** A progress line of {@code taskId}, secrets already masked. */
  void line(String taskId, String line);

  /** A sink that drops every line. */
  static ProgressSink none() {
    return (taskId, line) -> {};
  }
}
