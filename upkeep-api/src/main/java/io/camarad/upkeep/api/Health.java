package io.camarad.upkeep.api;

import java.util.Map;
import java.util.Objects;

/**
 * The result of a health probe.
 *
 * @param status up, down or unknown
 * @param detail one line for a person, for example "MongoDB 7.0.2, replica set rs0"
 * @param facts machine-readable facts, for example {@code version=7.0.2}
 * @since 0.1
 */
public record Health(Status status, String detail, Map<String, String> facts) {

  /** The state of a probed service. */
  public enum Status {
    UP,
    DOWN,
    UNKNOWN
  }

  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    facts = Map.copyOf(facts);
  }

  public static Health up(String detail) {
    return new Health(Status.UP, detail, Map.of());
  }

  public static Health down(String detail) {
    return new Health(Status.DOWN, detail, Map.of());
  }

  public static Health unknown(String detail) {
    return new Health(Status.UNKNOWN, detail, Map.of());
  }

  /** A copy with the given facts. */
  public Health withFacts(Map<String, String> newFacts) {
    return new Health(status, detail, newFacts);
  }
}
