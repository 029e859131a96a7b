package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoTaskTests {
  @TempDir Path directory;
  private EmbeddedMongo mongo;

  @BeforeEach
  void startServer() {
    mongo = new EmbeddedMongo();
  }

  @AfterEach
  void stopServer() {
    mongo.close();
  }

  static Map<String, Object> baseline() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(
        "collections",
        List.of(
            Map.of(
                "name",
                "roles",
                "documents",
                List.of(
                    Map.of("name", "admin", "permissions", List.of("*")),
                    Map.of("name", "editor", "permissions", List.of("pages.write")),
                    Map.of("name", "viewer", "permissions", List.of("pages.read")))),
            Map.of(
                "name",
                "settings",
                "mode",
                "upsert",
                "documents",
                List.of(
                    Map.of("key", "site.name", "value", "Camarad"),
                    Map.of("key", "site.locale", "value", "en"))),
            Map.of(
                "name",
                "users",
                "documents",
                List.of(Map.of("email", "admin@camarad.io", "roles", List.of("admin"))))));
    settings.put("references", List.of(Map.of("from", "users.roles", "to", "roles.name")));
    return settings;
  }

  private TaskFixture fixture(Map<String, ?> settings) {
    return new TaskFixture(new MongoTask(), mongo.database(), directory, settings);
  }

  private MongoCollection<Document> collection(String name) {
    return mongo.database().getCollection(name);
  }

  @Test
  void planCountsInsertsPerCollectionAndWritesNothing() throws Exception {
    TaskPlan plan = fixture(baseline()).plan();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.changes())
        .extracting(Object::toString)
        .contains(
            "insert roles: 3 documents (admin, editor, viewer)",
            "insert settings: 2 documents (site.name, site.locale)",
            "insert users: 1 documents (admin@camarad.io)");
    assertThat(plan.changes()).filteredOn(c -> c.action().equals("create index")).hasSize(4);
    assertThat(mongo.writeCommands()).isZero();
    assertThat(plan.fingerprints()).containsKeys("settings", "database");
  }

  @Test
  void applySeedsBaselineAndCreatesDefaultIndexes() throws Exception {
    TaskOutcome outcome = fixture(baseline()).apply("r1");

    assertThat(outcome.counts()).containsEntry("inserted", 6L).containsEntry("updated", 0L);
    assertThat(collection("roles").find().into(new ArrayList<>()))
        .extracting(d -> d.getString("name"))
        .containsExactlyInAnyOrder("admin", "editor", "viewer");
    assertThat(indexNames("users")).contains("email_1");
    assertThat(indexNames("roles")).contains("name_1");
    assertThat(indexNames("settings")).contains("key_1");
    Document ttl = index("logs", "createdAt_1");
    assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isEqualTo(30L * 86400);
    assertThat(ttl.getBoolean("unique", false)).isFalse();
    assertThat(index("users", "email_1").getBoolean("unique")).isTrue();
  }

  @Test
  void secondApplyWritesNothingAndThePlanIsUpToDateWithTheSameFingerprints() throws Exception {
    TaskFixture fixture = fixture(baseline());
    TaskPlan first = fixture.plan();
    fixture.apply("r1");
    mongo.resetCommands();

    TaskPlan second = fixture.plan();
    TaskOutcome again = fixture.apply("r2");

    assertThat(second.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(second.summary()).contains("up to date").contains("6 baseline documents");
    assertThat(second.fingerprints()).isEqualTo(first.fingerprints());
    assertThat(again.counts())
        .containsEntry("inserted", 0L)
        .containsEntry("updated", 0L)
        .containsEntry("unchanged", 6L);
    assertThat(mongo.writeCommands()).as("write commands in %s", mongo.commands).isZero();
  }

  @Test
  void insertOnlyKeepsWhatProductionChanged() throws Exception {
    TaskFixture fixture = fixture(baseline());
    fixture.apply("r1");
    collection("roles")
        .updateOne(
            new Document("name", "viewer"),
            new Document("$set", new Document("permissions", List.of("pages.read", "x"))));

    TaskPlan plan = fixture.plan();
    fixture.apply("r2");

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(plan.summary()).contains("(1 differ from the seed and are kept: mode insertOnly)");
    assertThat(
            collection("roles")
                .find(new Document("name", "viewer"))
                .first()
                .getList("permissions", String.class))
        .containsExactly("pages.read", "x");
  }

  @Test
  void upsertModeUpdatesChangedDocumentsAfterBackingThemUp() throws Exception {
    TaskFixture fixture = fixture(baseline());
    fixture.apply("r1");
    collection("settings")
        .updateOne(
            new Document("key", "site.name"),
            new Document("$set", new Document("value", "Changed").append("extra", 1)));

    TaskPlan plan = fixture.plan();
    TaskOutcome outcome = fixture.apply("r2");

    assertThat(plan.changes())
        .extracting(Object::toString)
        .contains("update settings: 1 documents, backed up first");
    assertThat(outcome.counts()).containsEntry("updated", 1L);
    Document updated = collection("settings").find(new Document("key", "site.name")).first();
    assertThat(updated.getString("value")).isEqualTo("Camarad");
    assertThat(updated.getInteger("extra"))
        .as("fields the seed does not name are kept")
        .isEqualTo(1);
    Path backup = fixture.dataDirectory().resolve("backups/r2-settings.jsonl.gz");
    assertThat(backup).exists();
    assertThat(backup.resolveSibling("r2-settings.jsonl.gz.sha256")).exists();
    List<Document> saved = new ArrayList<>();
    try (var lines = BackupVerifier.lines(backup)) {
      lines.lines().map(Document::parse).forEach(saved::add);
    }
    assertThat(saved)
        .singleElement()
        .satisfies(d -> assertThat(d.getString("value")).isEqualTo("Changed"));
  }

  @Test
  void backupThatFailsVerificationStopsTheChange() throws Exception {
    Map<String, Object> settings = baseline();
    new TaskFixture(new MongoTask(), mongo.database(), directory, settings).apply("r1");
    collection("settings")
        .updateOne(
            new Document("key", "site.name"),
            new Document("$set", new Document("value", "Production")));
    MongoTask corrupting = new MongoTask(FlippingStream::new);
    TaskFixture fixture = new TaskFixture(corrupting, mongo.database(), directory, settings);

    assertThatThrownBy(() -> fixture.apply("r2"))
        .isInstanceOf(BackupVerificationException.class)
        .hasMessageContaining("failed verification")
        .hasMessageContaining("not made");

    assertThat(
            collection("settings")
                .find(new Document("key", "site.name"))
                .first()
                .getString("value"))
        .isEqualTo("Production");
  }

  @Test
  void undoRestoresUpdatedDocumentsAndDeletesInsertedOnesAndCreatedIndexes() throws Exception {
    TaskFixture fixture = fixture(baseline());
    collection("settings").insertOne(new Document("key", "site.name").append("value", "Old"));
    fixture.apply("r1");
    assertThat(
            collection("settings")
                .find(new Document("key", "site.name"))
                .first()
                .getString("value"))
        .isEqualTo("Camarad");

    fixture.undo("r1");

    assertThat(collection("settings").find().into(new ArrayList<>()))
        .singleElement()
        .satisfies(d -> assertThat(d.getString("value")).isEqualTo("Old"));
    assertThat(collection("roles").countDocuments()).isZero();
    assertThat(collection("users").countDocuments()).isZero();
    assertThat(indexNames("users")).doesNotContain("email_1");
  }

  @Test
  void retriedApplyOfTheSameRunKeepsTheOriginalBackupAndUndoRestoresIt() throws Exception {
    TaskFixture fixture = fixture(baseline());
    collection("settings").insertOne(new Document("key", "site.name").append("value", "Old"));
    fixture.apply("r1");
    collection("settings")
        .updateOne(
            new Document("key", "site.name"),
            new Document("$set", new Document("value", "Meanwhile")));
    fixture.apply("r1");

    fixture.undo("r1");

    assertThat(fixture.dataDirectory().resolve("backups/r1-settings.2.jsonl.gz")).exists();
    assertThat(collection("settings").find().first().getString("value")).isEqualTo("Old");
  }

  private Map<String, Object> pagesRemovingMissing(Path seed) {
    return Map.of(
        "defaultIndexes",
        false,
        "collections",
        List.of(
            Map.of(
                "name",
                "pages",
                "idField",
                "id",
                "seedFile",
                seed.toString(),
                "removeMissing",
                true)));
  }

  @Test
  void removeMissingDeletesWhatTheSeedDroppedAfterABackupAndUndoRestoresIt() throws Exception {
    Path seed =
        Files.writeString(
            directory.resolve("pages.jsonl"),
            "{\"id\": \"a\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"t\": 1}\n");
    TaskFixture fixture = fixture(pagesRemovingMissing(seed));
    fixture.apply("r1");
    Files.writeString(seed, "{\"id\": \"a\"}\n{\"id\": \"b\"}\n");

    TaskPlan plan = fixture.plan();
    TaskOutcome outcome = fixture.apply("r2");

    assertThat(plan.changes())
        .extracting(Object::toString)
        .contains("delete pages: 1 documents not in the seed (removeMissing), backed up first");
    assertThat(outcome.counts()).containsEntry("deleted", 1L);
    assertThat(collection("pages").countDocuments()).isEqualTo(2);
    assertThat(fixture.dataDirectory().resolve("backups/r2-pages.jsonl.gz")).exists();
    mongo.resetCommands();
    assertThat(fixture.plan().kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);

    fixture.undo("r2");
    assertThat(collection("pages").find(new Document("_id", "c")).first()).containsEntry("t", 1);
  }

  @Test
  void removeMissingRefusesAnEmptySeedInsteadOfDeletingEverything() throws Exception {
    collection("pages").insertOne(new Document("_id", "a").append("id", "a"));
    Path seed = Files.writeString(directory.resolve("pages.jsonl"), "\n");

    assertThatThrownBy(() -> fixture(pagesRemovingMissing(seed)).apply("r1"))
        .hasMessageContaining("would delete every document");
    assertThat(collection("pages").countDocuments()).isEqualTo(1);
  }

  @Test
  void conflictingIndexIsReportedWithBothDefinitionsAndNeverDropped() throws Exception {
    collection("users").createIndex(Indexes.ascending("email"), new IndexOptions().name("email_1"));
    TaskFixture fixture = fixture(baseline());

    TaskPlan plan = fixture.plan();
    assertThat(plan.summary()).contains("blocked by 1 index conflict");
    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("conflict"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .contains("\"unique\": true")
                    .contains("same keys, other options")
                    .contains("existing"));

    assertThatThrownBy(() -> fixture.apply("r1"))
        .isInstanceOf(IndexConflictException.class)
        .hasMessageContaining("users: declared index")
        .hasMessageContaining("nothing was changed");
    assertThat(index("users", "email_1").getBoolean("unique", false)).isFalse();
    assertThat(collection("roles").countDocuments()).as("nothing seeded").isZero();
  }

  @Test
  void indexWithTheSameNameAndOtherKeysIsAConflict() throws Exception {
    collection("roles").createIndex(Indexes.ascending("title"), new IndexOptions().name("name_1"));

    TaskPlan plan = fixture(baseline()).plan();

    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("conflict"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("same name, other keys"));
  }

  @Test
  void compoundPartialAndTtlIndexesAreCreatedAsDeclared() throws Exception {
    Map<String, Object> settings =
        Map.of(
            "defaultIndexes",
            false,
            "collections",
            List.of(
                Map.of(
                    "name",
                    "pages",
                    "indexes",
                    List.of(
                        Map.of("keys", List.of("platform", "-lastModified")),
                        Map.of(
                            "keys",
                            List.of("command"),
                            "name",
                            "command_partial",
                            "partialFilter",
                            Map.of("platform", "linux")),
                        Map.of("keys", List.of("expiresAt"), "expireAfter", "1h")))));

    fixture(settings).apply("r1");

    assertThat(index("pages", "platform_1_lastModified_-1").get("key", Document.class))
        .isEqualTo(new Document("platform", 1).append("lastModified", -1));
    assertThat(index("pages", "command_partial").get("partialFilterExpression"))
        .isEqualTo(new Document("platform", "linux"));
    assertThat(((Number) index("pages", "expiresAt_1").get("expireAfterSeconds")).longValue())
        .isEqualTo(3600L);
    mongo.resetCommands();
    fixture(settings).apply("r2");
    assertThat(mongo.writeCommands()).isZero();
  }

  @Test
  void failingSchemaFailsTheTaskNamingTheDocumentAndTheRule() throws Exception {
    Map<String, Object> settings = baseline();
    settings.put(
        "collections",
        List.of(
            Map.of(
                "name",
                "users",
                "documents",
                List.of(
                    Map.of("email", "admin@camarad.io", "roles", List.of("admin")),
                    Map.of("email", "nobody", "roles", "admin")),
                "schema",
                Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("email", "roles"),
                    "properties",
                    Map.of(
                        "email",
                        Map.of("type", "string", "format", "email"),
                        "roles",
                        Map.of("type", "array"))))));
    settings.remove("references");

    assertThatThrownBy(() -> fixture(settings).apply("r1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("users: 1 of 2 documents break the schema")
        .hasMessageContaining("_id=")
        .hasMessageContaining("rule")
        .hasMessageContaining("verification: warn");
  }

  @Test
  void verificationWarnReportsWithoutFailing() throws Exception {
    Map<String, Object> settings = baseline();
    settings.put("verification", "warn");
    collection("users")
        .insertOne(new Document("email", "ghost@camarad.io").append("roles", List.of("ghost")));

    TaskOutcome outcome = fixture(settings).apply("r1");

    assertThat(outcome.counts()).containsEntry("verification_failures", 1L);
    assertThat(outcome.summary()).contains("1 of 1 checks failed (warnings)");
  }

  @Test
  void danglingReferenceIsReportedWithItsDocument() throws Exception {
    collection("users")
        .insertOne(
            new Document("_id", "u-ghost")
                .append("email", "ghost@camarad.io")
                .append("roles", List.of("admin", "ghost")));

    assertThatThrownBy(() -> fixture(baseline()).apply("r1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("users.roles -> roles.name: 1 dangling references")
        .hasMessageContaining("users _id=u-ghost roles=ghost not found in roles.name");
  }

  @Test
  void countAndMinCountAreChecked() throws Exception {
    Map<String, Object> settings =
        Map.of(
            "collections",
            List.of(
                Map.of("name", "roles", "count", 2, "documents", List.of(Map.of("name", "admin"))),
                Map.of("name", "pages", "minCount", 10)));

    assertThatThrownBy(() -> fixture(settings).apply("r1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("roles: 1 documents, expected exactly 2 (count)")
        .hasMessageContaining("pages: 0 documents, expected at least 10 (minCount)");
  }

  @Test
  void loadsTheCorpusIntoPagesWithPageIdsAndDates() throws Exception {
    Path corpus =
        Path.of("..", "examples", "corpus", "tldr-pages-2026-06-01.jsonl.gz")
            .toAbsolutePath()
            .normalize();
    Map<String, Object> settings =
        Map.of(
            "defaultIndexes",
            false,
            "collections",
            List.of(
                Map.of(
                    "name",
                    "pages",
                    "idField",
                    "id",
                    "dateFields",
                    List.of("lastModified"),
                    "seedFile",
                    corpus.toString(),
                    "minCount",
                    6000,
                    "schema",
                    Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("_id", "id", "title", "markdown", "lastModified"),
                        "properties",
                        Map.of("lastModified", Map.of("type", "string", "format", "date-time"))))));
    TaskFixture fixture = fixture(settings);

    TaskOutcome outcome = fixture.apply("r1");

    assertThat(outcome.counts()).containsEntry("inserted", 6504L);
    Document page = collection("pages").find(new Document("_id", "common/!")).first();
    assertThat(page.getString("id")).isEqualTo("common/!");
    assertThat(page.get("lastModified"))
        .isEqualTo(java.util.Date.from(Instant.parse("2025-12-12T17:07:14Z")));
    mongo.resetCommands();
    assertThat(fixture.plan().kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(mongo.writeCommands()).isZero();
  }

  @Test
  void eachBackupRecordsTheRunAndTheRunLockFencingTokenThatWroteIt() throws Exception {
    TaskFixture fixture = fixture(baseline());
    fixture.apply("r1");
    collection("settings")
        .updateOne(
            new Document("key", "site.name"),
            new Document("$set", new Document("value", "Changed")));

    fixture.fencingToken(42).apply("r2");

    Path meta = fixture.dataDirectory().resolve("backups/r2-settings.jsonl.gz.meta.json");
    Document metadata = Document.parse(Files.readString(meta));
    assertThat(metadata).containsEntry("runId", "r2").containsEntry("collection", "settings");
    assertThat(metadata.get("fencingToken", Number.class).longValue()).isEqualTo(42);
    assertThat(metadata.get("documents", Number.class).longValue()).isEqualTo(1);
    assertThat(metadata.getString("sha256")).hasSize(64);
  }

  @Test
  void backupsOlderThanTheRetentionArePruned() throws Exception {
    TaskFixture fixture = fixture(baseline());
    Path backups = fixture.dataDirectory().resolve("backups");
    Files.createDirectories(backups);
    Path old = Files.writeString(backups.resolve("r0-settings.jsonl.gz"), "x");
    Files.writeString(backups.resolve("r0-settings.jsonl.gz.sha256"), "x");
    Files.writeString(backups.resolve("r0-settings.jsonl.gz.meta.json"), "{}");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(15 * 86400)));
    Path recent = Files.writeString(backups.resolve("r00-settings.jsonl.gz"), "y");

    TaskOutcome outcome = fixture.apply("r1");

    assertThat(outcome.counts()).containsEntry("backups_pruned", 1L);
    assertThat(old).doesNotExist();
    assertThat(backups.resolve("r0-settings.jsonl.gz.sha256")).doesNotExist();
    assertThat(backups.resolve("r0-settings.jsonl.gz.meta.json")).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void healthReportsTheServerVersion() throws Exception {
    MongoTask task = new MongoTask();
    Health health = task.health(fixture(baseline()).context("h", RunMode.PLAN));

    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.facts()).containsKey("version");
    assertThat(health.detail()).startsWith("MongoDB ").contains("standalone");
  }

  private List<String> indexNames(String collection) {
    return collection(collection)
        .listIndexes()
        .map(d -> d.getString("name"))
        .into(new ArrayList<>());
  }

  private Document index(String collection, String name) {
    return collection(collection).listIndexes().into(new ArrayList<>()).stream()
        .filter(d -> name.equals(d.getString("name")))
        .findFirst()
        .orElseThrow();
  }

  /** A disk that stores one byte wrong. */
  static final class FlippingStream extends FilterOutputStream {
    private long written;

    FlippingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      super.write(written++ == 20 ? b ^ 0xff : b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  @Test
  void duplicateKeyRefusalIsOneShortSentencePerErrorWithoutTheDocumentOrServerAnswer()
      throws Exception {
    String body = "BODY-" + "x".repeat(3000);
    String longId = "common/" + "very-long-command-name-".repeat(10);
    StringBuilder lines = new StringBuilder();
    for (String id : List.of("common/a", longId, "common/c", "common/d", "common/e", "x/f")) {
      lines
          .append(new Document("id", id).append("title", "Same").append("markdown", body).toJson())
          .append('\n');
    }
    Path seed = Files.writeString(directory.resolve("pages.jsonl"), lines);
    Map<String, Object> settings =
        Map.of(
            "defaultIndexes",
            false,
            "collections",
            List.of(
                Map.of(
                    "name",
                    "pages",
                    "idField",
                    "id",
                    "seedFile",
                    seed.toString(),
                    "indexes",
                    List.of(Map.of("keys", List.of("title"), "unique", true)))));

    assertThatThrownBy(() -> fixture(settings).apply("r1"))
        .hasMessageContaining("pages")
        .hasMessageContaining("another document already holds that key")
        .hasMessageContaining("the index and the seed disagree, see docs")
        .hasMessageContaining("and 2 more")
        .hasMessageContaining("…")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("BODY-", "Same", "{")
                    .hasSizeLessThan(900))
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }
}
