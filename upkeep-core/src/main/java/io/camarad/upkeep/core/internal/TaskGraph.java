package io.camarad.upkeep.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of the tasks of a run, in a deterministic topological order: a task comes
 * after everything it depends on, and ties break by id.
 */
public final class TaskGraph {
  private final Map<String, Set<String>> dependencies;
  private final List<String> order;

  private TaskGraph(Map<String, Set<String>> dependencies, List<String> order) {
    this.dependencies = dependencies;
    this.order = order;
  }

  /** Something wrong with the graph, with the task it concerns and what to do. */
  public record Problem(String taskId, String message) {}

  /** The graph, or the problems that prevent it. */
  public record Result(TaskGraph graph, List<Problem> problems) {}

  /**
   * Builds the graph of {@code dependencies} (task id to the ids it depends on).
   *
   * @param known ids that exist but do not run, to tell "not enabled" from "no such task"
   */
  public static Result of(Map<String, Set<String>> dependencies, Set<String> known) {
    Map<String, Set<String>> deps = new TreeMap<>();
    dependencies.forEach((id, on) -> deps.put(id, new TreeSet<>(on)));
    List<Problem> problems = new ArrayList<>(missing(deps, known));
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    List<String> cycle = findCycle(deps);
    if (!cycle.isEmpty()) {
      return new Result(
          null,
          List.of(
              new Problem(
                  cycle.get(0),
                  "tasks depend on each other in a cycle: "
                      + String.join(" -> ", cycle)
                      + "; remove one of these dependencies")));
    }
    return new Result(new TaskGraph(deps, topological(deps)), List.of());
  }

  private static List<Problem> missing(Map<String, Set<String>> deps, Set<String> known) {
    Set<String> ids = new TreeSet<>(known);
    ids.addAll(deps.keySet());
    List<Problem> problems = new ArrayList<>();
    deps.forEach(
        (id, on) -> {
          for (String dep : on) {
            if (!deps.containsKey(dep)) {
              problems.add(new Problem(id, missingDependency(id, dep, known, ids)));
            }
          }
        });
    return problems;
  }

  /** Why {@code dep} is missing and the fix that fits: enable it, correct a typo, add a jar. */
  private static String missingDependency(
      String id, String dep, Set<String> known, Set<String> ids) {
    String needs = "task '" + id + "' depends on '" + dep + "', ";
    if (known.contains(dep)) {
      return needs
          + "which is not enabled in this run; add it under 'tasks' in the protocol"
          + " (or enable it)";
    }
    return Suggestions.closest(dep, ids)
        .map(
            close ->
                needs
                    + "which is not a task id; did you mean '"
                    + close
                    + "'? correct"
                    + " it in 'dependsOn' (known tasks: "
                    + String.join(", ", ids)
                    + ")")
        .orElse(
            needs
                + "which no plugin provides; add the jar that provides it to the plugins"
                + " directory or the class path, or remove it from 'dependsOn'");
  }

  private static List<String> findCycle(Map<String, Set<String>> deps) {
    Map<String, Integer> state = new HashMap<>();
    for (String id : deps.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(id, deps, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  /** Depth-first search; state 1 = on the current path, 2 = done. */
  private static List<String> visit(
      String id, Map<String, Set<String>> deps, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(id);
    if (seen != null && seen == 2) {
      return List.of();
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return cycle;
    }
    state.put(id, 1);
    path.add(id);
    for (String dep : deps.getOrDefault(id, Set.of())) {
      List<String> cycle = visit(dep, deps, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return List.of();
  }

  private static List<String> topological(Map<String, Set<String>> deps) {
    Map<String, Integer> waiting = new LinkedHashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    deps.forEach(
        (id, on) -> {
          waiting.put(id, on.size());
          on.forEach(dep -> dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(id));
        });
    PriorityQueue<String> ready = new PriorityQueue<>();
    waiting.forEach(
        (id, count) -> {
          if (count == 0) {
            ready.add(id);
          }
        });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String dependent : dependents.getOrDefault(id, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return Collections.unmodifiableList(order);
  }

  /** Every task, dependencies first, ties by id. */
  public List<String> order() {
    return order;
  }

  /** The direct dependencies of {@code id}. */
  public Set<String> dependenciesOf(String id) {
    return Collections.unmodifiableSet(dependencies.getOrDefault(id, Set.of()));
  }

  /** Every task that depends on {@code id}, directly or not. */
  public Set<String> dependentsOf(String id) {
    Set<String> found = new TreeSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var entry : dependencies.entrySet()) {
        boolean onIt =
            entry.getValue().contains(id) || entry.getValue().stream().anyMatch(found::contains);
        if (onIt && found.add(entry.getKey())) {
          grew = true;
        }
      }
    }
    return found;
  }
}
