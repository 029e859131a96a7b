package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Makes declared indexes exist. Conflicts are found by comparing {@code listIndexes} with the
 * declarations (an index with the same keys and other options, or the same name and other keys),
 * because not every server refuses them; a conflicting index is reported, never dropped.
 */
final class IndexReconciler {

  /** Compares the declared indexes of a collection with the existing ones. Reads only. */
  IndexReview review(MongoCollection<Document> collection, List<IndexSpec> declared) {
    List<Document> existing = collection.listIndexes().into(new ArrayList<>());
    List<IndexSpec> missing = new ArrayList<>();
    List<IndexConflict> conflicts = new ArrayList<>();
    for (IndexSpec spec : declared) {
      IndexConflict conflict = conflictOf(collection, spec, existing);
      if (conflict != null) {
        conflicts.add(conflict);
      } else if (existing.stream().noneMatch(index -> sameDefinition(spec, index))) {
        missing.add(spec);
      }
    }
    List<String> names = existing.stream().map(index -> index.getString("name")).toList();
    return new IndexReview(
        collection.getNamespace().getCollectionName(), missing, conflicts, names);
  }

  /** Creates the missing indexes of a review; returns their names. */
  List<String> create(MongoCollection<Document> collection, List<IndexSpec> missing) {
    if (missing.isEmpty()) {
      return List.of();
    }
    List<IndexModel> models = missing.stream().map(IndexReconciler::model).toList();
    return collection.createIndexes(models);
  }

  private static IndexConflict conflictOf(
      MongoCollection<Document> collection, IndexSpec spec, List<Document> existing) {
    String name = collection.getNamespace().getCollectionName();
    boolean anyIdentical = existing.stream().anyMatch(index -> sameDefinition(spec, index));
    if (anyIdentical) {
      return null;
    }
    for (Document index : existing) {
      if (sameKeys(spec.keys(), index.get("key", Document.class))) {
        return new IndexConflict(name, spec.definition(), index, "same keys, other options");
      }
      if (spec.name().equals(index.getString("name"))) {
        return new IndexConflict(name, spec.definition(), index, "same name, other keys");
      }
    }
    return null;
  }

  private static boolean sameDefinition(IndexSpec spec, Document index) {
    return sameKeys(spec.keys(), index.get("key", Document.class))
        && spec.unique() == index.getBoolean("unique", false)
        && spec.sparse() == index.getBoolean("sparse", false)
        && Objects.equals(spec.expireAfterSeconds(), longOrNull(index.get("expireAfterSeconds")))
        && Objects.equals(spec.partialFilter(), index.get("partialFilterExpression"));
  }

  /** Key documents are equal in order and direction; servers may send 1, 1L or 1.0. */
  static boolean sameKeys(Document declared, Document existing) {
    if (existing == null || declared.size() != existing.size()) {
      return false;
    }
    var left = declared.entrySet().iterator();
    var right = existing.entrySet().iterator();
    while (left.hasNext()) {
      Map.Entry<String, Object> a = left.next();
      Map.Entry<String, Object> b = right.next();
      if (!a.getKey().equals(b.getKey()) || !sameDirection(a.getValue(), b.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameDirection(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  private static Long longOrNull(Object value) {
    return value instanceof Number number ? number.longValue() : null;
  }

  private static IndexModel model(IndexSpec spec) {
    IndexOptions options = new IndexOptions().name(spec.name()).unique(spec.unique());
    if (spec.sparse()) {
      options.sparse(true);
    }
    if (spec.expireAfterSeconds() != null) {
      options.expireAfter(spec.expireAfterSeconds(), TimeUnit.SECONDS);
    }
    if (spec.partialFilter() != null) {
      options.partialFilterExpression(spec.partialFilter());
    }
    return new IndexModel(spec.keys(), options);
  }
}
