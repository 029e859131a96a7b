package io.camarad.upkeep.api;

import java.util.Set;

/**
 * One maintenance task: the unit that the engine discovers, orders, plans, applies and, when
 * something fails, undoes.
 *
 * <p><b>Discovery.</b> Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/io.camarad.upkeep.api.UpkeepTask}. The class needs a public
 * no-argument constructor that does no I/O; a constructor that throws is reported with the class
 * name and jar, and the task is left out.
 *
 * <p><b>Call order.</b> For one run the engine calls, on one instance: {@link #settingsSpec()}
 * (before anything runs, to validate the protocol); {@link #validate(Settings)}; {@link
 * #plan(TaskContext)}; then, only when applying and only if the task is due, {@link
 * #apply(TaskContext, TaskPlan)}; then, if apply threw and {@link #reversibility()} allows it,
 * {@link #undo(TaskContext, UndoReason)} with {@link UndoReason#FAILED}; or, in an all-or-nothing
 * run where another task failed, {@link #undo(TaskContext, UndoReason)} with {@link
 * UndoReason#COMPENSATE} after this task's apply succeeded. {@link #health(TaskContext)} may be
 * called at any time outside a run.
 *
 * <p><b>Threading.</b> The methods of one instance are never called concurrently for the same run,
 * but different tasks run in parallel on other threads, so an implementation must not rely on
 * shared mutable static state.
 *
 * <p><b>Failures.</b> Any method may throw; the engine records the exception with the task id and
 * the jar it came from and goes on where it safely can. A {@link SettingsException} is reported as
 * a configuration error with the protocol file, line and column.
 *
 * @since 0.1
 */
public interface UpkeepTask {

  /**
   * The task's id, unique among all discovered tasks: lowercase letters, digits and dashes, for
   * example {@code "mongo"}. The protocol file names the task by this id.
   */
  String id();

  /**
   * The ids of the tasks that must have applied successfully (or be up to date) before this one
   * runs. The protocol may add more. A missing id is a configuration error.
   */
  default Set<String> dependsOn() {
    return Set.of();
  }

  /** A one-line description, shown by {@code camarad tasks}. */
  default String description() {
    return "";
  }

  /**
   * The settings this task accepts under its entry in the protocol file. The engine validates the
   * protocol against it before anything runs (unknown keys, types, required values) and fills in
   * defaults.
   */
  default SettingsSpec settingsSpec() {
    return SettingsSpec.empty();
  }

  /**
   * Checks the settings beyond what {@link #settingsSpec()} can express (for example that two
   * values agree). Called before anything runs.
   *
   * @throws SettingsException naming the offending key, which the engine turns into an error with
   *     the protocol file, line and column
   */
  default void validate(Settings settings) throws SettingsException {}

  /**
   * Works out what {@link #apply} would change, and changes nothing: no writes to services, files
   * or {@link TaskContext#state()} (the state is read-only during a plan).
   *
   * <p>The plan carries the task's input fingerprints; the engine treats the task as up to date
   * when they equal those of its last successful run and no dependency is due.
   *
   * @return the plan, never {@code null}
   * @throws Exception if the plan cannot be made; the run then fails for this task
   */
  TaskPlan plan(TaskContext context) throws Exception;

  /**
   * Makes the change described by the plan. Check {@link TaskContext#cancellation()} between units
   * of work; use {@link TaskContext#services()} around calls to external services so that retries,
   * backoff and circuit breaking follow the protocol.
   *
   * @param plan the plan this run made (or the one saved earlier and checked for drift)
   * @return what was done, in a line and as usage counts
   * @throws Exception when the task failed; the engine then calls {@link #undo} with {@link
   *     UndoReason#FAILED} if {@link #reversibility()} allows it
   */
  TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception;

  /** What {@link #undo} can do for this task. The default is {@link Reversibility#NONE}. */
  default Reversibility reversibility() {
    return Reversibility.NONE;
  }

  /**
   * Undoes this run's work: after a failed apply ({@link UndoReason#FAILED}, partial work), or
   * after a successful one when an all-or-nothing run compensates ({@link UndoReason#COMPENSATE}).
   * What to undo is found in {@link TaskContext#state()} and {@link TaskContext#dataDirectory()},
   * where apply recorded it.
   *
   * @throws Exception if undoing failed; the engine attaches it to the original failure
   */
  default void undo(TaskContext context, UndoReason reason) throws Exception {
    throw new UnsupportedOperationException("task '" + id() + "' cannot be undone");
  }

  /**
   * Whether re-running the whole task after a failure is safe. The engine re-runs a task only when
   * this returns {@code true} and the protocol asks for task retries.
   */
  default boolean idempotent() {
    return false;
  }

  /**
   * Probes the service this task looks after (reachability, version, key material). Must be cheap
   * and change nothing.
   */
  default Health health(TaskContext context) {
    return Health.unknown("task '" + id() + "' has no health probe");
  }
}
