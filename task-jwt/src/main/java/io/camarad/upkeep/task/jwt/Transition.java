package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.PlannedChange;
import java.time.Instant;

/** One step of a key's life that a run makes. */
sealed interface Transition {

  /** The change as shown in a plan. */
  PlannedChange describe(RotationPolicy policy, Instant now);

  /** The name under which the outcome counts this kind of transition. */
  String countName();

  /**
   * Create a key and publish it. {@code ref} names it in the plan until it exists; {@code state} is
   * what it becomes by the end of the run ({@link KeyState#ACTIVE} only when no key signs yet).
   */
  record Create(String ref, KeyAlgorithm algorithm, KeyState state) implements Transition {
    @Override
    public String countName() {
      return "created";
    }

    @Override
    public PlannedChange describe(RotationPolicy policy, Instant now) {
      String detail =
          state == KeyState.ACTIVE
              ? algorithm.jwaName() + ", signs at once: no key signs yet"
              : algorithm.jwaName()
                  + ", published as next; may sign from "
                  + InstantText.of(now.plus(policy.verifierCacheTtl()));
      return new PlannedChange("create", ref, detail);
    }
  }

  /** Make a published next key the signing key. */
  record Activate(String kid, Instant publishedAt) implements Transition {
    @Override
    public String countName() {
      return "activated";
    }

    @Override
    public PlannedChange describe(RotationPolicy policy, Instant now) {
      String since = InstantText.of(publishedAt);
      return new PlannedChange("activate", kid, "signs from now; published since " + since);
    }
  }

  /** Stop signing with a key; it stays published for the retention time. */
  record Retire(String kid) implements Transition {
    @Override
    public String countName() {
      return "retired";
    }

    @Override
    public PlannedChange describe(RotationPolicy policy, Instant now) {
      return new PlannedChange(
          "retire", kid, "stays published until " + InstantText.of(now.plus(policy.retention())));
    }
  }

  /** Drop a key from the ring and from the published set. */
  record Remove(String kid, String reason) implements Transition {
    @Override
    public String countName() {
      return "removed";
    }

    @Override
    public PlannedChange describe(RotationPolicy policy, Instant now) {
      return new PlannedChange("remove", kid, reason);
    }
  }
}
