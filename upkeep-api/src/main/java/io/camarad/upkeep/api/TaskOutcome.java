package io.camarad.upkeep.api;

import java.util.Map;
import java.util.Objects;

/**
 * What an apply did.
 *
 * @param summary one line of what changed, for example "embedded 631 pages, deleted 9"
 * @param counts the numbers behind the summary, keyed by name ({@code inserted}, {@code deleted},
 *     ...); the engine adds them to the run report and the metrics
 * @since 0.1
 */
public record TaskOutcome(String summary, Map<String, Long> counts) {
  public TaskOutcome {
    Objects.requireNonNull(summary, "summary");
    counts = Map.copyOf(counts);
  }

  public static TaskOutcome of(String summary) {
    return new TaskOutcome(summary, Map.of());
  }
}
