package io.camarad.upkeep.task.mongo;

import java.util.List;

/**
 * How a collection's baseline compares with (or was applied to) the database.
 *
 * @param collection the collection
 * @param inserted documents missing from the database
 * @param updated documents that differ and will be (or were) updated
 * @param unchanged documents left alone: equal, or kept because the mode is insert-only
 * @param kept of {@code unchanged}, documents that differ but are kept (insert-only mode)
 * @param deleted stored documents not in the seed, deleted with {@code removeMissing}
 * @param sampleKeys a few natural keys of inserted or updated documents, for the plan
 * @param asLastRunLeft whether the comparison was skipped because the collection is as the last
 *     successful run left it and the seed is unchanged ({@link UnchangedSeeds})
 */
record SeedCounts(
    String collection,
    long inserted,
    long updated,
    long unchanged,
    long kept,
    long deleted,
    List<String> sampleKeys,
    boolean asLastRunLeft) {

  SeedCounts {
    sampleKeys = List.copyOf(sampleKeys);
  }

  /** A collection of {@code count} documents whose comparison was skipped. */
  static SeedCounts asLastRunLeft(String collection, long count) {
    return new SeedCounts(collection, 0, 0, count, 0, 0, List.of(), true);
  }

  /** "pages: 6,504 documents as the last run left them; seed unchanged". */
  String asLastRunLeftSentence() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %,d document%s as the last run left them; seed unchanged",
        collection,
        unchanged,
        unchanged == 1 ? "" : "s");
  }

  boolean hasWrites() {
    return inserted > 0 || updated > 0 || deleted > 0;
  }

  long total() {
    return inserted + updated + unchanged;
  }
}
