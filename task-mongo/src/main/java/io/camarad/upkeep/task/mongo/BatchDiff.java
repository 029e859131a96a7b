package io.camarad.upkeep.task.mongo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * One batch of baseline documents compared with what the database holds under the same keys.
 *
 * @param inserts seed documents whose key is missing
 * @param updates seed documents that differ from the stored one (upsert mode only)
 * @param before the stored documents that {@code updates} would change, in the same order
 * @param unchanged documents equal to the stored one, or kept in insert-only mode
 * @param kept of {@code unchanged}, documents that differ but are kept (insert-only mode)
 */
record BatchDiff(
    List<Document> inserts,
    List<Document> updates,
    List<Document> before,
    long unchanged,
    long kept) {

  /** Compares {@code batch} with {@code stored} (stored documents by natural key). */
  static BatchDiff of(
      List<Document> batch, Map<Object, Document> stored, SeedShaper shaper, SeedMode mode) {
    List<Document> inserts = new ArrayList<>();
    List<Document> updates = new ArrayList<>();
    List<Document> before = new ArrayList<>();
    long unchanged = 0;
    long kept = 0;
    for (Document seed : batch) {
      Document existing = stored.get(shaper.keyOf(seed));
      if (existing == null) {
        inserts.add(seed);
      } else if (covers(existing, seed)) {
        unchanged++;
      } else if (mode == SeedMode.UPSERT) {
        updates.add(seed);
        before.add(existing);
      } else {
        unchanged++;
        kept++;
      }
    }
    return new BatchDiff(inserts, updates, before, unchanged, kept);
  }

  /** Whether every seeded field already has the seeded value ({@code _id} is never updated). */
  static boolean covers(Document existing, Document seed) {
    for (Map.Entry<String, Object> field : seed.entrySet()) {
      if (!"_id".equals(field.getKey())
          && !Objects.equals(field.getValue(), existing.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Indexes stored documents by their natural key. */
  static Map<Object, Document> byKey(Iterable<Document> stored, String key) {
    Map<Object, Document> result = new HashMap<>();
    for (Document document : stored) {
      result.put(SeedShaper.valueAt(document, key), document);
    }
    return result;
  }
}
