package io.camarad.upkeep.task.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one run does to the key ring.
 *
 * @param transitions the steps, in the order they are applied; empty when nothing is due
 * @param projected the ring as it will be afterwards (created keys under their placeholder)
 * @param nextDue when the ring, once the transitions are made, next needs a change
 */
record RotationPlan(List<Transition> transitions, List<KeyEntry> projected, Instant nextDue) {
  RotationPlan {
    transitions = List.copyOf(transitions);
    projected = List.copyOf(projected);
    Objects.requireNonNull(nextDue, "nextDue");
  }

  /** Whether the ring needs no change now. */
  boolean upToDate() {
    return transitions.isEmpty();
  }
}
