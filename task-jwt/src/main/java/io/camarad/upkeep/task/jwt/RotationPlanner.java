package io.camarad.upkeep.task.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides, from the key ring, the rules and the current instant alone, which transitions a run
 * makes. Pure: it reads no clock and no store, so every rule is tested by moving an instant.
 *
 * <p>The rules, restored in one run however long the ring was left alone:
 *
 * <ol>
 *   <li>exactly one key is active (extra active keys are retired, the newest one stays);
 *   <li>when no key is active, the oldest next key is activated at once, or a key is created and
 *       activated at once: nothing signs, so there is no older token to protect;
 *   <li>when the active key has signed for a rotation period, the oldest next key that has been
 *       published for at least one verifier cache lifetime takes over and the active key retires;
 *       one rotation, whatever the number of missed periods;
 *   <li>a next key of an algorithm that is no longer configured is removed (it never signed);
 *   <li>there is always one published next key;
 *   <li>a retired key is removed once the token lifetime plus the cache lifetime has passed since
 *       its retirement.
 * </ol>
 */
final class RotationPlanner {
  private final RotationPolicy policy;

  RotationPlanner(RotationPolicy policy) {
    this.policy = policy;
  }

  /** The transitions due at {@code now} for {@code ring}. */
  RotationPlan plan(List<KeyEntry> ring, Instant now) {
    Work work = new Work(ring, now);

    keepOneActive(work);
    ensureSigningKey(work);
    rotateIfDue(work);
    dropNextKeysOfOldAlgorithm(work);
    ensureNextKey(work);
    removeExpired(work);

    return new RotationPlan(work.transitions, work.keys, nextDue(work.keys, now));
  }

  /** When the ring, as it is, next needs a change (at or after {@code now}). */
  Instant nextDue(List<KeyEntry> ring, Instant now) {
    Optional<KeyEntry> active = newest(ring, KeyState.ACTIVE);
    Optional<KeyEntry> next = oldestNext(ring);
    if (active.isEmpty() || next.isEmpty() || countIn(ring, KeyState.ACTIVE) > 1) {
      return now;
    }
    Instant rotation = active.get().stateSince().plus(policy.rotationPeriod());
    Instant nextReady = next.get().publishedAt().plus(policy.verifierCacheTtl());
    Instant due = rotation.isAfter(nextReady) ? rotation : nextReady;
    for (KeyEntry key : ring) {
      Instant keyDue = dueOf(key, now);
      due = keyDue.isBefore(due) ? keyDue : due;
    }
    return due.isBefore(now) ? now : due;
  }

  private Instant dueOf(KeyEntry key, Instant now) {
    if (key.state() == KeyState.RETIRED) {
      return key.stateSince().plus(policy.retention());
    }
    if (key.state() == KeyState.NEXT && key.algorithm() != policy.algorithm()) {
      return now;
    }
    return Instant.MAX;
  }

  private void keepOneActive(Work work) {
    List<KeyEntry> actives =
        work.in(KeyState.ACTIVE)
            .sorted(Comparator.comparing(KeyEntry::stateSince).reversed())
            .toList();
    actives.stream().skip(1).forEach(work::retire);
  }

  private void ensureSigningKey(Work work) {
    if (work.in(KeyState.ACTIVE).findAny().isPresent()) {
      return;
    }
    oldestNext(work.keys).ifPresentOrElse(work::activate, () -> work.create(KeyState.ACTIVE));
  }

  private void rotateIfDue(Work work) {
    KeyEntry active = work.in(KeyState.ACTIVE).findFirst().orElseThrow();
    Instant rotationDue = active.stateSince().plus(policy.rotationPeriod());
    if (work.now.isBefore(rotationDue)) {
      return;
    }
    Instant publishedBy = work.now.minus(policy.verifierCacheTtl());
    Optional<KeyEntry> ready =
        work.in(KeyState.NEXT)
            .filter(k -> !k.publishedAt().isAfter(publishedBy))
            .min(Comparator.comparing(KeyEntry::publishedAt));
    ready.ifPresent(
        next -> {
          work.retire(active);
          work.activate(next);
        });
  }

  private void dropNextKeysOfOldAlgorithm(Work work) {
    work.in(KeyState.NEXT)
        .filter(k -> k.algorithm() != policy.algorithm())
        .toList()
        .forEach(
            k ->
                work.remove(
                    k,
                    "next key of "
                        + k.algorithm().jwaName()
                        + ", never signed; keys are now "
                        + policy.algorithm().jwaName()));
  }

  private void ensureNextKey(Work work) {
    if (work.in(KeyState.NEXT).findAny().isEmpty()) {
      work.create(KeyState.NEXT);
    }
  }

  private void removeExpired(Work work) {
    work.in(KeyState.RETIRED)
        .filter(k -> !work.now.isBefore(k.stateSince().plus(policy.retention())))
        .toList()
        .forEach(k -> work.remove(k, expiredReason(k)));
  }

  private static String expiredReason(KeyEntry key) {
    return "retired at " + InstantText.of(key.stateSince()) + "; every token it signed expired";
  }

  private static Optional<KeyEntry> oldestNext(List<KeyEntry> ring) {
    return ring.stream()
        .filter(k -> k.state() == KeyState.NEXT)
        .min(Comparator.comparing(KeyEntry::publishedAt));
  }

  private static Optional<KeyEntry> newest(List<KeyEntry> ring, KeyState state) {
    return ring.stream()
        .filter(k -> k.state() == state)
        .max(Comparator.comparing(KeyEntry::stateSince));
  }

  private static long countIn(List<KeyEntry> ring, KeyState state) {
    return ring.stream().filter(k -> k.state() == state).count();
  }

  /** The ring being worked on and the transitions made so far. */
  private final class Work {
    final List<KeyEntry> keys;
    final List<Transition> transitions = new ArrayList<>();
    final Instant now;
    private int created;

    Work(List<KeyEntry> ring, Instant now) {
      this.keys = new ArrayList<>(ring);
      this.now = now;
    }

    Stream<KeyEntry> in(KeyState state) {
      return keys.stream().filter(k -> k.state() == state);
    }

    void retire(KeyEntry key) {
      replace(key, key.moveTo(KeyState.RETIRED, now));
      transitions.add(new Transition.Retire(key.kid()));
    }

    void activate(KeyEntry key) {
      replace(key, key.moveTo(KeyState.ACTIVE, now));
      transitions.add(new Transition.Activate(key.kid(), key.publishedAt()));
    }

    void remove(KeyEntry key, String reason) {
      keys.remove(key);
      transitions.add(new Transition.Remove(key.kid(), reason));
    }

    void create(KeyState state) {
      created++;
      String ref = "new key " + created;
      keys.add(new KeyEntry(ref, policy.algorithm(), state, now, now));
      transitions.add(new Transition.Create(ref, policy.algorithm(), state));
    }

    private void replace(KeyEntry old, KeyEntry updated) {
      keys.set(keys.indexOf(old), updated);
    }
  }
}
