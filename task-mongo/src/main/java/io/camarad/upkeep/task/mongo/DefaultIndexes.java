package io.camarad.upkeep.task.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The indexes every web back end here needs: unique {@code users.email}, {@code roles.name} and
 * {@code settings.key}, and a TTL on {@code logs.createdAt}. A collection that declares an index on
 * the same keys keeps its own.
 */
final class DefaultIndexes {

  private DefaultIndexes() {}

  static List<CollectionConfig> addTo(List<CollectionConfig> declared, Duration logRetention) {
    Map<String, CollectionConfig> byName = new LinkedHashMap<>();
    declared.forEach(collection -> byName.put(collection.name(), collection));
    for (Map.Entry<String, IndexSpec> entry : defaults(logRetention).entrySet()) {
      CollectionConfig collection =
          byName.getOrDefault(entry.getKey(), emptyCollection(entry.getKey()));
      if (collection.indexes().stream().noneMatch(i -> i.keys().equals(entry.getValue().keys()))) {
        collection = collection.withIndexes(List.of(entry.getValue()));
      }
      byName.put(entry.getKey(), collection);
    }
    return new ArrayList<>(byName.values());
  }

  private static Map<String, IndexSpec> defaults(Duration logRetention) {
    Map<String, IndexSpec> defaults = new LinkedHashMap<>();
    defaults.put("users", unique("email"));
    defaults.put("roles", unique("name"));
    defaults.put("settings", unique("key"));
    Document createdAt = new Document("createdAt", 1);
    defaults.put(
        "logs",
        new IndexSpec(
            IndexSpec.defaultName(createdAt),
            createdAt,
            false,
            logRetention.toSeconds(),
            null,
            false));
    return defaults;
  }

  private static IndexSpec unique(String field) {
    Document keys = new Document(field, 1);
    return new IndexSpec(IndexSpec.defaultName(keys), keys, true, null, null, false);
  }

  private static CollectionConfig emptyCollection(String name) {
    return new CollectionConfig(
        name,
        "_id",
        null,
        List.of(),
        SeedMode.INSERT_ONLY,
        List.of(),
        List.of(),
        null,
        null,
        null,
        Map.of(),
        false);
  }
}
