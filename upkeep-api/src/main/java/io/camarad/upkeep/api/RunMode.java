package io.camarad.upkeep.api;

/**
 * Whether a run only plans or also applies.
 *
 * @since 0.1
 */
public enum RunMode {
  PLAN,
  APPLY
}
