package io.camarad.upkeep.task.mongo;

import java.util.List;
import java.util.Map;

/**
 * What the database holds compared with the protocol, per collection.
 *
 * @param indexes the index review of each collection
 * @param seeds the seed comparison of each collection with baseline documents
 * @param expectedCounts per collection, the document count once the planned inserts are made
 */
record DatabaseReview(
    List<IndexReview> indexes, List<SeedCounts> seeds, Map<String, Long> expectedCounts) {

  DatabaseReview {
    indexes = List.copyOf(indexes);
    seeds = List.copyOf(seeds);
    expectedCounts = Map.copyOf(expectedCounts);
  }

  List<IndexConflict> conflicts() {
    return indexes.stream().flatMap(review -> review.conflicts().stream()).toList();
  }

  long missingIndexes() {
    return indexes.stream().mapToLong(review -> review.missing().size()).sum();
  }

  boolean hasWork() {
    return missingIndexes() > 0
        || !conflicts().isEmpty()
        || seeds.stream().anyMatch(SeedCounts::hasWrites);
  }

  /**
   * Per collection, the index names once the missing ones exist ({@code _id_} included: a
   * collection that does not exist yet will have it).
   */
  Map<String, List<String>> expectedIndexes() {
    Map<String, List<String>> result = new java.util.TreeMap<>();
    for (IndexReview review : indexes) {
      java.util.SortedSet<String> names = new java.util.TreeSet<>(review.existingNames());
      names.add("_id_");
      review.missing().forEach(spec -> names.add(spec.name()));
      result.put(review.collection(), List.copyOf(names));
    }
    return result;
  }
}
