/**
 * The contracts of Upkeep: what a task plugin implements ({@link io.camarad.upkeep.api.UpkeepTask},
 * {@link io.camarad.upkeep.api.Notifier}), what the engine hands it ({@link
 * io.camarad.upkeep.api.TaskContext}), and the values that describe a run ({@link
 * io.camarad.upkeep.api.TaskPlan}, {@link io.camarad.upkeep.api.RunReport}).
 *
 * <p>Parameters and return values are never {@code null} unless a method says otherwise; an absent
 * value is an {@link java.util.Optional}.
 *
 * @since 0.1
 */
package io.camarad.upkeep.api;
