package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Finds dangling references: values of {@code from} (each element of an array) with no document in
 * {@code to}. Streams the referring collection and looks values up in batches.
 */
final class ReferenceCheck {
  private final MongoDatabase database;
  private final ReferenceSpec reference;
  private final int batchSize;
  private final int maxReported;
  private long dangling;
  private final List<String> examples = new ArrayList<>();

  ReferenceCheck(MongoDatabase database, ReferenceSpec reference, int batchSize, int maxReported) {
    this.database = database;
    this.reference = reference;
    this.batchSize = batchSize;
    this.maxReported = maxReported;
  }

  /** Returns one failure line, or {@code null} when every reference resolves. */
  String check(Cancellation cancellation) throws CancelledException {
    Map<Object, List<Object>> pending = new LinkedHashMap<>();
    for (Document document :
        database
            .getCollection(reference.fromCollection())
            .find()
            .projection(Projections.include(reference.fromField()))
            .batchSize(batchSize)) {
      for (Object value : valuesOf(document)) {
        pending.computeIfAbsent(value, v -> new ArrayList<>()).add(document.get("_id"));
      }
      if (pending.size() >= batchSize) {
        cancellation.throwIfCancelled();
        resolve(pending);
      }
    }
    resolve(pending);
    if (dangling == 0) {
      return null;
    }
    return reference.from()
        + " -> "
        + reference.to()
        + ": "
        + dangling
        + " dangling references, first: "
        + String.join(" | ", examples);
  }

  private List<Object> valuesOf(Document document) {
    Object value = SeedShaper.valueAt(document, reference.fromField());
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
  }

  private void resolve(Map<Object, List<Object>> pending) {
    if (pending.isEmpty()) {
      return;
    }
    Set<Object> found = new HashSet<>();
    for (Document target :
        database
            .getCollection(reference.toCollection())
            .find(Filters.in(reference.toField(), pending.keySet()))
            .projection(Projections.include(reference.toField()))
            .batchSize(batchSize)) {
      found.add(SeedShaper.valueAt(target, reference.toField()));
    }
    pending.forEach(
        (value, ids) -> {
          if (!found.contains(value)) {
            dangling += ids.size();
            for (Object id : ids) {
              if (examples.size() < maxReported) {
                examples.add(
                    reference.fromCollection()
                        + " _id="
                        + id
                        + " "
                        + reference.fromField()
                        + "="
                        + value
                        + " not found in "
                        + reference.to());
              }
            }
          }
        });
    pending.clear();
  }
}
