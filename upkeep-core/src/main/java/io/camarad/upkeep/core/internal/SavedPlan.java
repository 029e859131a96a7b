package io.camarad.upkeep.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String protocol, String runId, Instant plannedAt, String engineVersion, List<TaskEntry> tasks) {

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

  /** A saved plan that cannot be used; the message says why and how to make one. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads a plan saved by the engine.
   *
   * @throws Unreadable if {@code file} is missing, unreadable, or not a saved plan; the message
   *     names the file and the command that makes one, never a parser's internals
   */
  public static SavedPlan read(Path file) throws Unreadable {
    String fix = "; make one with 'camarad plan --save " + file + "'";
    if (!Files.exists(file)) {
      throw new Unreadable("saved plan " + file + " not found" + fix, null);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Unreadable(
          "cannot read the saved plan " + file + ": " + StorageFailure.causeOf(e) + fix, e);
    }
    try {
      return parse(text);
    } catch (NotAPlan e) {
      throw new Unreadable(
          file + " is not a saved plan of Upkeep (" + e.getMessage() + ")" + fix, e);
    }
  }

  /** Why a text is not a saved plan, in a few words. */
  private static final class NotAPlan extends Exception {
    private static final long serialVersionUID = 1L;

    NotAPlan(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  private static SavedPlan parse(String text) throws NotAPlan {
    if (text.isBlank()) {
      throw new NotAPlan("the file is empty", null);
    }
    JsonNode tree;
    try {
      tree = JsonCodec.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new NotAPlan(
          "not JSON"
              + (at == null ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr()),
          e);
    }
    checkShape(tree);
    try {
      return JsonCodec.mapper().treeToValue(tree, SavedPlan.class);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new NotAPlan("a plan's fields hold values of the wrong kind", e);
    }
  }

  private static void checkShape(JsonNode tree) throws NotAPlan {
    if (tree == null || !tree.isObject()) {
      throw new NotAPlan(
          "JSON "
              + (tree == null
                  ? "nothing"
                  : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
              + ", not an object",
          null);
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("protocol", "runId", "tasks")) {
      if (!tree.hasNonNull(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new NotAPlan("no " + String.join(", ", missing), null);
    }
    if (!tree.get("tasks").isArray()) {
      throw new NotAPlan("'tasks' is not a list", null);
    }
    for (JsonNode task : tree.get("tasks")) {
      if (!task.isObject() || !task.hasNonNull("taskId")) {
        throw new NotAPlan("a task entry has no taskId", null);
      }
    }
  }

  /** What differs between this saved plan and a fresh one, one line each; empty if nothing. */
  public List<String> driftFrom(SavedPlan fresh) {
    List<String> drifts = new ArrayList<>();
    if (!Objects.equals(protocol, fresh.protocol)) {
      drifts.add("the plan was made for protocol '" + protocol + "', not '" + fresh.protocol + "'");
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
      drifts.add(
          id + " was " + was.status() + ", now " + now.status() + " (" + now.summary() + ")");
    }
    TreeSet<String> keys = new TreeSet<>(was.fingerprints().keySet());
    keys.addAll(now.fingerprints().keySet());
    for (String key : keys) {
      if (!Objects.equals(was.fingerprints().get(key), now.fingerprints().get(key))) {
        drifts.add(id + ": input '" + key + "' changed since the plan was saved");
      }
    }
    if (!was.changes().equals(now.changes())) {
      drifts.add(
          id + ": planned changes differ: saved " + was.changes() + ", now " + now.changes());
    }
    return drifts;
  }

  private Optional<TaskEntry> task(String id) {
    return tasks.stream().filter(t -> t.taskId().equals(id)).findFirst();
  }
}
