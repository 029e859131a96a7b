package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Decides whether a planned task is due, as {@link TaskPlan} describes: a due dependency, a plan
 * with changes, or fingerprints that differ from the last success make it due; an unpredictable
 * plan is due unless its (non-empty) fingerprints match the last success.
 */
public final class DueRule {
  private DueRule() {}

  /**
   * The decision and the reason, for a person.
   *
   * @param due whether the task will run
   * @param reason why, in a line
   */
  public record Decision(boolean due, String reason) {}

  /** Decides for {@code plan}, given the last record and the dependencies found due. */
  public static Decision decide(TaskPlan plan, TaskStateRecord last, List<String> dueDependencies) {
    boolean matches = fingerprintsMatch(plan.fingerprints(), last);
    return switch (plan.kind()) {
      case NOT_CONFIGURED -> new Decision(false, plan.summary());
      case CHANGES -> new Decision(true, plan.summary());
      case UNPREDICTABLE -> unpredictable(plan, matches, dueDependencies);
      case UP_TO_DATE -> upToDate(plan, last, matches, dueDependencies);
    };
  }

  private static Decision unpredictable(TaskPlan plan, boolean matches, List<String> dueDeps) {
    if (!dueDeps.isEmpty()) {
      return new Decision(true, dependencyReason(dueDeps) + "; " + plan.summary());
    }
    if (matches && !plan.fingerprints().isEmpty()) {
      return new Decision(false, "up to date: inputs unchanged since the last success");
    }
    return new Decision(true, plan.summary());
  }

  private static Decision upToDate(
      TaskPlan plan, TaskStateRecord last, boolean matches, List<String> dueDeps) {
    if (!dueDeps.isEmpty()) {
      return new Decision(true, dependencyReason(dueDeps));
    }
    if (!matches) {
      return new Decision(true, "due: " + changedInputs(plan.fingerprints(), last));
    }
    return new Decision(false, plan.summary());
  }

  private static boolean fingerprintsMatch(Map<String, String> now, TaskStateRecord last) {
    if (last.lastSuccess() == null) {
      return now.isEmpty();
    }
    return now.equals(last.fingerprints());
  }

  private static String dependencyReason(List<String> dueDeps) {
    return "due because "
        + String.join(", ", dueDeps)
        + (dueDeps.size() == 1 ? " is" : " are")
        + " due";
  }

  private static String changedInputs(Map<String, String> now, TaskStateRecord last) {
    if (last.lastSuccess() == null) {
      return "no successful run recorded";
    }
    TreeSet<String> changed = new TreeSet<>(now.keySet());
    changed.addAll(last.fingerprints().keySet());
    changed.removeIf(k -> Objects.equals(now.get(k), last.fingerprints().get(k)));
    return "inputs changed since the last success (" + String.join(", ", changed) + ")";
  }
}
