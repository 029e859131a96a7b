package io.camarad.upkeep.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task would change, worked out without changing anything.
 *
 * <p>The engine decides whether the task is due: it is due when a dependency is due, when its
 * {@link #fingerprints()} differ from those of its last successful run, or when the plan is {@link
 * Kind#CHANGES}. A plan that is {@link Kind#UNPREDICTABLE} is due unless its fingerprints match the
 * last success. A plan is saved with the run and compared with a fresh one before a saved plan is
 * applied: different fingerprints or changes mean drift.
 *
 * @param kind whether the task has work, is up to date, cannot tell, or is not configured
 * @param summary one line for a person: "insert 3 roles, update 1 setting" or "up to date: source
 *     unchanged since run 2026-12-01T03:00Z"
 * @param changes the individual changes, most important first (may be truncated by the task)
 * @param fingerprints hashes of the task's inputs (settings, source content, clock-based due
 *     dates), keyed by input name; equal fingerprints mean nothing to do
 * @since 0.1
 */
public record TaskPlan(
    Kind kind, String summary, List<PlannedChange> changes, Map<String, String> fingerprints) {

  /** What kind of plan this is. */
  public enum Kind {
    /** The task would make the listed changes. */
    CHANGES,
    /** Nothing to do; the summary says why. */
    UP_TO_DATE,
    /** The task cannot tell what it would change without doing it; it will run. */
    UNPREDICTABLE,
    /** The service the task looks after is not configured; the summary names what to set. */
    NOT_CONFIGURED
  }

  public TaskPlan {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    changes = List.copyOf(changes);
    fingerprints = Map.copyOf(fingerprints);
  }

  /** A plan with changes. */
  public static TaskPlan changes(
      String summary, List<PlannedChange> changes, Map<String, String> fingerprints) {
    return new TaskPlan(Kind.CHANGES, summary, changes, fingerprints);
  }

  /** A plan that has nothing to do, with the reason. */
  public static TaskPlan upToDate(String reason, Map<String, String> fingerprints) {
    return new TaskPlan(Kind.UP_TO_DATE, reason, List.of(), fingerprints);
  }

  /** A plan that cannot predict its effect, with the reason. */
  public static TaskPlan unpredictable(String reason, Map<String, String> fingerprints) {
    return new TaskPlan(Kind.UNPREDICTABLE, reason, List.of(), fingerprints);
  }

  /** A plan for a task whose service is not configured; say what to set. */
  public static TaskPlan notConfigured(String whatToSet) {
    return new TaskPlan(Kind.NOT_CONFIGURED, whatToSet, List.of(), Map.of());
  }

  /** Whether this plan, on its own, has work to do. */
  public boolean hasWork() {
    return kind == Kind.CHANGES || kind == Kind.UNPREDICTABLE;
  }
}
