package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A plan saved to a file, to be applied later only if a fresh plan sees the same thing.
 *
 * @param protocol the protocol's name
 * @param runId the planning run
 * @param plannedAt when it was made
 * @param engineVersion the engine that made it
 * @param tasks each task's plan, in run order
 */
public record SavedPlan(
    String protocol,
    String runId,
    Instant plannedAt,
    String engineVersion,
    List<TaskEntry> tasks) {

  /**
   * One task's plan.
   *
   * @param taskId the task
   * @param status DUE, UNPREDICTABLE, UP_TO_DATE, SKIPPED, FAILED or NOT_RUN
   * @param kind the plan's kind, or {@code null} if the task was not planned
   * @param summary the reported line
   * @param changes the planned changes
   * @param fingerprints the input fingerprints
   */
  public record TaskEntry(
      String taskId,
      TaskStatus status,
      String kind,
      String summary,
      List<PlannedChange> changes,
      Map<String, String> fingerprints) {
    public TaskEntry {
      changes = changes == null ? List.of() : List.copyOf(changes);
      fingerprints = fingerprints == null ? Map.of() : Map.copyOf(fingerprints);
    }
  }

  public SavedPlan {
    tasks = List.copyOf(tasks);
  }

  /** What differs between this saved plan and a fresh one, one line each; empty if nothing. */
  public List<String> driftFrom(SavedPlan fresh) {
    List<String> drifts = new ArrayList<>();
    if (!Objects.equals(protocol, fresh.protocol)) {
      drifts.add("the plan was made for protocol '" + protocol + "', not '" + fresh.protocol
          + "'");
    }
    TreeSet<String> ids = new TreeSet<>();
    tasks.forEach(t -> ids.add(t.taskId()));
    fresh.tasks.forEach(t -> ids.add(t.taskId()));
    for (String id : ids) {
      Optional<TaskEntry> was = task(id);
      Optional<TaskEntry> now = fresh.task(id);
      if (was.isEmpty()) {
        drifts.add("task '" + id + "' was not in the saved plan");
      } else if (now.isEmpty()) {
        drifts.add("task '" + id + "' is no longer in the run");
      } else {
        drifts.addAll(differences(was.get(), now.get()));
      }
    }
    return drifts;
  }

  private static List<String> differences(TaskEntry was, TaskEntry now) {
    List<String> drifts = new ArrayList<>();
    String id = "task '" + was.taskId() + "'";
    if (was.status() != now.status() || !Objects.equals(was.kind(), now.kind())) {
      drifts.add(id + " was " + was.status() + ", now " + now.status() + " (" + now.summary()
          + ")");
    }
    TreeSet<String> keys = new TreeSet<>(was.fingerprints().keySet());
    keys.addAll(now.fingerprints().keySet());
    for (String key : keys) {
      if (!Objects.equals(was.fingerprints().get(key), now.fingerprints().get(key))) {
        drifts.add(id + ": input '" + key + "' changed since the plan was saved");
      }
    }
    if (!was.changes().equals(now.changes())) {
      drifts.add(id + ": planned changes differ: saved " + was.changes() + ", now "
          + now.changes());
    }
    return drifts;
  }

  private Optional<TaskEntry> task(String id) {
    return tasks.stream().filter(t -> t.taskId().equals(id)).findFirst();
  }
}
