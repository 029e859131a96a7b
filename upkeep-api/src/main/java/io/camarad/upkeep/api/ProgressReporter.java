package io.camarad.upkeep.api;

/**
 * Progress lines for the person watching a run. Cheap to call; the engine throttles output.
 *
 * @since 0.1
 */
public interface ProgressReporter {

  /** A free-form progress line, for example "verifying 6,504 pages". */
  void report(String message);

  /** Counted progress, for example {@code report(3000, 6504, "documents")}. */
  void report(long done, long total, String unit);
}
