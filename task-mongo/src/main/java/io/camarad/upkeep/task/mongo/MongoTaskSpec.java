package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.SettingsSpec;
import java.time.Duration;
import java.util.List;

/** The settings that the {@code mongo} task accepts in the protocol. */
final class MongoTaskSpec {
  static final int DEFAULT_BATCH_SIZE = 1000;

  private MongoTaskSpec() {}

  static SettingsSpec build() {
    return SettingsSpec.builder()
        .string("resource", "mongo", "the shared MongoDB resource declared under resources")
        .integer("batchSize", DEFAULT_BATCH_SIZE, "documents per bulk write and per lookup")
        .bool(
            "defaultIndexes",
            true,
            "create the default indexes: unique users.email, roles.name, settings.key,"
                + " TTL on logs.createdAt")
        .duration("logRetention", Duration.ofDays(30), "TTL of the default logs.createdAt index")
        .duration("backupRetention", Duration.ofDays(14), "how long backups are kept")
        .choice(
            "verification",
            "fail: verification failures fail the task; warn: logged only",
            "fail",
            "warn")
        .integer("maxReported", 5, "offending documents named per failed check")
        .sections("collections", collectionSpec(), "collections to index, seed and verify")
        .sections(
            "references",
            referenceSpec(),
            "references between collections: {from: users.roles, to: roles.name}")
        .build();
  }

  private static SettingsSpec collectionSpec() {
    return SettingsSpec.builder()
        .requiredString("name", "collection name")
        .string("key", "_id", "natural key field of a baseline document")
        .string("idField", null, "seed field whose value becomes _id, for example id")
        .strings("dateFields", List.of(), "seed fields with ISO-8601 strings stored as dates")
        .choice(
            "mode",
            "insertOnly: never overwrite existing documents; upsert: update them",
            "insertOnly",
            "upsert")
        .sections("indexes", indexSpec(), "indexes made to exist")
        .any("documents", "baseline documents, a list of maps (Extended JSON allowed)")
        .path(
            "seedFile",
            null,
            "seed file relative to the protocol: JSON array, JSON lines or Extended JSON,"
                + " optionally .gz")
        .longValue("count", null, "exact expected document count")
        .longValue("minCount", null, "minimum expected document count")
        .map("schema", "JSON Schema every document must satisfy")
        .bool(
            "removeMissing",
            false,
            "delete stored documents whose key is not in the seed (backed up first)")
        .build();
  }

  private static SettingsSpec indexSpec() {
    return SettingsSpec.builder()
        .strings("keys", null, "key fields in order; -field for descending")
        .string("name", null, "index name; MongoDB's default when absent")
        .bool("unique", false, "unique index")
        .duration("expireAfter", null, "TTL: documents expire this long after the keyed date")
        .map("partialFilter", "partial filter expression")
        .bool("sparse", false, "sparse index")
        .build();
  }

  private static SettingsSpec referenceSpec() {
    return SettingsSpec.builder()
        .requiredString("from", "referring field, collection.field")
        .requiredString("to", "referred field, collection.field")
        .build();
  }
}
