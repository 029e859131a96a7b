package io.camarad.upkeep.task.mongo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One collection as the protocol declares it.
 *
 * @param name the collection name
 * @param key the natural key field that identifies a baseline document ({@code _id} by default)
 * @param idField a seed field whose value becomes {@code _id}, or {@code null}
 * @param dateFields seed fields holding ISO-8601 strings to store as BSON dates
 * @param mode whether existing documents are updated
 * @param indexes the declared indexes
 * @param documents baseline documents written in the protocol
 * @param seedFile a seed file (JSON array, JSON lines, Extended JSON, optionally gzip), or {@code
 *     null}
 * @param count the exact expected document count, or {@code null}
 * @param minCount the minimum expected document count, or {@code null}
 * @param schema a JSON Schema every document must satisfy; empty for none
 * @param removeMissing whether stored documents whose key is not in the seed are deleted
 */
record CollectionConfig(
    String name,
    String key,
    String idField,
    List<String> dateFields,
    SeedMode mode,
    List<IndexSpec> indexes,
    List<Map<String, Object>> documents,
    Path seedFile,
    Long count,
    Long minCount,
    Map<String, Object> schema,
    boolean removeMissing) {

  CollectionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    dateFields = List.copyOf(dateFields);
    indexes = List.copyOf(indexes);
    documents = List.copyOf(documents);
    schema = Map.copyOf(schema);
  }

  /** Whether the collection has baseline documents to seed. */
  boolean hasSeed() {
    return !documents.isEmpty() || seedFile != null;
  }

  /** A copy with {@code extra} indexes appended. */
  CollectionConfig withIndexes(List<IndexSpec> extra) {
    List<IndexSpec> all = new java.util.ArrayList<>(indexes);
    all.addAll(extra);
    return new CollectionConfig(
        name,
        key,
        idField,
        dateFields,
        mode,
        all,
        documents,
        seedFile,
        count,
        minCount,
        schema,
        removeMissing);
  }
}
