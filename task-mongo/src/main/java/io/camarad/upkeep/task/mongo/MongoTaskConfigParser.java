package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** Turns the validated settings into a {@link MongoTaskConfig}, checking what a spec cannot. */
final class MongoTaskConfigParser {

  private static final Map<String, String> NATURAL_KEYS =
      Map.of("users", "email", "roles", "name", "settings", "key");

  private MongoTaskConfigParser() {}

  static MongoTaskConfig parse(Settings settings) throws SettingsException {
    int batchSize = settings.integer("batchSize");
    if (batchSize < 1 || batchSize > 100_000) {
      throw new SettingsException(
          "batchSize", "batchSize must be between 1 and 100000, got " + batchSize);
    }
    List<CollectionConfig> collections = collections(settings);
    if (settings.bool("defaultIndexes")) {
      collections = DefaultIndexes.addTo(collections, settings.duration("logRetention"));
    }
    return new MongoTaskConfig(
        settings.string("resource"),
        batchSize,
        settings.duration("backupRetention"),
        "warn".equals(settings.string("verification")),
        settings.integer("maxReported"),
        collections,
        references(settings));
  }

  private static List<CollectionConfig> collections(Settings settings) throws SettingsException {
    List<CollectionConfig> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Settings> sections = settings.sections("collections");
    for (int i = 0; i < sections.size(); i++) {
      CollectionConfig collection = collection(sections.get(i), "collections." + i);
      if (!names.add(collection.name())) {
        throw new SettingsException(
            "collections." + i + ".name",
            "collection '" + collection.name() + "' is declared twice; merge the two entries");
      }
      result.add(collection);
    }
    return result;
  }

  private static CollectionConfig collection(Settings section, String path)
      throws SettingsException {
    String name = section.string("name");
    if (name.isBlank() || name.contains("$") || name.startsWith("system.")) {
      throw new SettingsException(
          path + ".name", "'" + name + "' is not a usable collection name; pick another");
    }
    Long count = nonNegative(section, path, "count");
    Long minCount = nonNegative(section, path, "minCount");
    if (section.string("key").isBlank()) {
      throw new SettingsException(path + ".key", "key must name a field, for example email");
    }
    return new CollectionConfig(
        name,
        naturalKey(section, name),
        section.find("idField", String.class).orElse(null),
        section.strings("dateFields"),
        SeedMode.fromSetting(section.string("mode")),
        indexes(section, path),
        documents(section, path),
        section.find("seedFile", Path.class).orElse(null),
        count,
        minCount,
        section.has("schema") ? section.map("schema") : Map.of(),
        section.bool("removeMissing"));
  }

  private static Long nonNegative(Settings section, String path, String key)
      throws SettingsException {
    Long value = section.find(key, Long.class).orElse(null);
    if (value != null && value < 0) {
      throw new SettingsException(path + "." + key, key + " must be 0 or more, got " + value);
    }
    return value;
  }

  /** The key given, or for the well-known collections their natural key when none is. */
  private static String naturalKey(Settings section, String collection) {
    String key = section.string("key");
    if ("default".equals(section.origin("key"))) {
      return NATURAL_KEYS.getOrDefault(collection, key);
    }
    return key;
  }

  private static List<IndexSpec> indexes(Settings collection, String path)
      throws SettingsException {
    List<IndexSpec> result = new ArrayList<>();
    List<Settings> sections = collection.sections("indexes");
    for (int i = 0; i < sections.size(); i++) {
      result.add(index(sections.get(i), path + ".indexes." + i));
    }
    return result;
  }

  private static IndexSpec index(Settings section, String path) throws SettingsException {
    List<String> fields = section.has("keys") ? section.strings("keys") : List.of();
    if (fields.isEmpty()) {
      throw new SettingsException(
          path + ".keys", "an index needs keys, for example keys: [email] or [platform, -date]");
    }
    Document keys = IndexSpec.keysOf(fields);
    Long ttl = section.find("expireAfter", Duration.class).map(Duration::toSeconds).orElse(null);
    if (ttl != null && keys.size() != 1) {
      throw new SettingsException(
          path + ".expireAfter", "a TTL index must have exactly one key field (a date field)");
    }
    return new IndexSpec(
        section.find("name", String.class).orElse(IndexSpec.defaultName(keys)),
        keys,
        section.bool("unique"),
        ttl,
        section.has("partialFilter") ? new Document(section.map("partialFilter")) : null,
        section.bool("sparse"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(Settings section, String path)
      throws SettingsException {
    if (!section.has("documents")) {
      return List.of();
    }
    Object value = section.get("documents", Object.class);
    if (!(value instanceof List<?> list)) {
      throw new SettingsException(
          path + ".documents", "documents must be a list of maps, for example [{name: admin}]");
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new SettingsException(
            path + ".documents." + i, "each document must be a map, got: " + list.get(i));
      }
      result.add(new LinkedHashMap<>((Map<String, Object>) map));
    }
    return result;
  }

  private static List<ReferenceSpec> references(Settings settings) throws SettingsException {
    List<ReferenceSpec> result = new ArrayList<>();
    List<Settings> sections = settings.sections("references");
    for (int i = 0; i < sections.size(); i++) {
      try {
        result.add(
            ReferenceSpec.parse(sections.get(i).string("from"), sections.get(i).string("to")));
      } catch (IllegalArgumentException e) {
        throw new SettingsException("references." + i, e.getMessage());
      }
    }
    return result;
  }
}
