package io.camarad.upkeep.task.mongo;

import java.util.List;

/**
 * What {@link IndexReconciler} found for one collection.
 *
 * @param collection the collection
 * @param missing declared indexes that do not exist yet
 * @param conflicts declared indexes that an existing index contradicts
 * @param existingNames names of the indexes that exist now
 */
record IndexReview(
    String collection,
    List<IndexSpec> missing,
    List<IndexConflict> conflicts,
    List<String> existingNames) {

  IndexReview {
    missing = List.copyOf(missing);
    conflicts = List.copyOf(conflicts);
    existingNames = List.copyOf(existingNames);
  }
}
