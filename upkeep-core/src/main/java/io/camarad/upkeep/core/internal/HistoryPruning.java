package io.camarad.upkeep.core.internal;

/**
 * A state store whose run history the engine can trim. The built-in file store is one; a store that
 * is not keeps its history as it sees fit.
 */
public interface HistoryPruning {
  /**
   * Deletes all but the newest {@code keep} run reports.
   *
   * @return how many were deleted
   */
  int pruneHistory(int keep) throws Exception;
}
