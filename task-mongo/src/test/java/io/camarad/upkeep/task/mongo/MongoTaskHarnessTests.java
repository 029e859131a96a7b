package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mongo task run through the engine's own context, state and due rule (the test kit). */
class MongoTaskHarnessTests {
  @TempDir Path directory;
  private final EmbeddedMongo mongo = new EmbeddedMongo();

  @AfterEach
  void stop() {
    mongo.close();
  }

  private TaskHarness harness(Map<String, ?> settings) {
    return TaskHarness.forTask(new MongoTask())
        .settings(settings)
        .resource("mongo", mongo.database())
        .stateDirectory(directory)
        .build();
  }

  @Test
  void secondRunIsUpToDateAndSendsNoWriteCommand() {
    TaskHarness harness = harness(MongoTaskTests.baseline());
    RunResult first = harness.apply();
    mongo.resetCommands();

    RunResult second = harness.apply();

    assertThat(first.status()).as("%s", first).isEqualTo(TaskStatus.APPLIED);
    assertThat(second.status()).as("%s", second).isEqualTo(TaskStatus.UP_TO_DATE);
    assertThat(mongo.writeCommands()).as("commands %s", mongo.commands).isZero();
  }

  @Test
  void failedVerificationUndoesTheRunLeavingTheDatabaseAsItWas() {
    Map<String, Object> settings = MongoTaskTests.baseline();
    mongo
        .database()
        .getCollection("settings")
        .insertOne(new Document("key", "site.name").append("value", "Production"));
    mongo
        .database()
        .getCollection("users")
        .insertOne(new Document("email", "ghost@x.io").append("roles", List.of("ghost")));

    RunResult result = harness(settings).apply();

    assertThat(result.status()).as("%s", result).isEqualTo(TaskStatus.FAILED_UNDONE);
    assertThat(result.error())
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("dangling references");
    assertThat(mongo.database().getCollection("roles").countDocuments()).isZero();
    assertThat(mongo.database().getCollection("settings").find().first().getString("value"))
        .isEqualTo("Production");
    assertThat(mongo.database().getCollection("users").countDocuments()).isEqualTo(1);
  }

  @Test
  void changingTheSeedFileMakesTheTaskDueAndInsertsOnlyTheNewDocument() throws Exception {
    Path seed = Files.writeString(directory.resolve("roles.jsonl"), "{\"name\": \"admin\"}\n");
    Map<String, Object> settings =
        Map.of("collections", List.of(Map.of("name", "roles", "seedFile", seed.toString())));
    TaskHarness harness = harness(settings);
    harness.apply();
    Files.writeString(seed, "{\"name\": \"admin\"}\n{\"name\": \"editor\"}\n");

    TaskPlan plan = harness.plan();
    RunResult result = harness.apply();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(result.outcome().counts())
        .containsEntry("inserted", 1L)
        .containsEntry("unchanged", 1L);
  }

  @Test
  void unknownModeIsRefusedBeforeAnythingRuns() {
    Map<String, Object> settings =
        Map.of("collections", List.of(Map.of("name", "roles", "mode", "overwrite")));

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("mode");
  }

  @Test
  void badReferenceIsASettingsErrorNamingTheForm() {
    Map<String, Object> settings =
        Map.of("references", List.of(Map.of("from", "users", "to", "roles.name")));

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("collection.field");
  }

  @Test
  void missingSeedFileIsASettingsProblemOnItsKeyNamingThePathAndTheFix() {
    Map<String, Object> settings =
        Map.of(
            "collections",
            List.of(Map.of("name", "roles"), Map.of("name", "pages", "seedFile", "nope.jsonl.gz")));

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .satisfies(
            e ->
                assertThat(((SettingsProblemsException) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith("tasks.mongo.settings.collections.1.seedFile: seed file ")
                    .contains("nope.jsonl.gz was not found")
                    .contains("check the path; it is relative to the protocol file's directory")
                    .doesNotContain(":0:"));
  }

  @Test
  void seedPathThatIsADirectoryIsASettingsProblem() throws Exception {
    Path folder = Files.createDirectories(directory.resolve("seeds"));
    Map<String, Object> settings =
        Map.of("collections", List.of(Map.of("name", "pages", "seedFile", folder.toString())));

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("collections.0.seedFile")
        .hasMessageContaining("is a directory")
        .hasMessageContaining("relative to the protocol file's directory");
  }

  @Test
  void unreadableSeedFileIsASettingsProblem() throws Exception {
    Path seed = Files.writeString(directory.resolve("roles.jsonl"), "{\"name\": \"admin\"}\n");
    boolean locked = seed.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        locked && !Files.isReadable(seed), "this user can read any file (root)");
    Map<String, Object> settings =
        Map.of("collections", List.of(Map.of("name", "roles", "seedFile", seed.toString())));

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("collections.0.seedFile")
        .hasMessageContaining("is not readable");
  }

  private static Path pagesSeed(Path directory, int pages) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < pages; i++) {
      lines
          .append(new Document("id", "common/p" + i).append("title", "Page " + i).toJson())
          .append('\n');
    }
    return Files.writeString(directory.resolve("pages.jsonl"), lines);
  }

  private static Map<String, Object> pages(Path seed, String mode) {
    return Map.of(
        "defaultIndexes",
        false,
        "collections",
        List.of(
            Map.of("name", "pages", "idField", "id", "mode", mode, "seedFile", seed.toString())));
  }

  @Test
  void unchangedInsertOnlySeedIsNotComparedDocumentByDocumentAndWritesNothing() throws Exception {
    TaskHarness harness = harness(pages(pagesSeed(directory, 1200), "insertOnly"));
    harness.apply();
    mongo.resetCommands();

    TaskPlan plan = harness.plan();
    RunResult second = harness.apply();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(plan.summary())
        .contains("pages: 1,200 documents as the last run left them; seed unchanged");
    assertThat(mongo.targets).as("reads of pages").doesNotContain("find pages");
    assertThat(second.status()).as("%s", second).isEqualTo(TaskStatus.UP_TO_DATE);
    assertThat(mongo.writeCommands()).as("commands %s", mongo.commands).isZero();
  }

  @Test
  void documentDeletedOutOfBandIsPutBackByTheNextRun() throws Exception {
    TaskHarness harness = harness(pages(pagesSeed(directory, 50), "insertOnly"));
    harness.apply();
    mongo.database().getCollection("pages").deleteOne(new Document("_id", "common/p7"));

    TaskPlan plan = harness.plan();
    RunResult result = harness.apply();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(result.status()).as("%s", result).isEqualTo(TaskStatus.APPLIED);
    assertThat(result.outcome().counts()).containsEntry("inserted", 1L);
    assertThat(mongo.database().getCollection("pages").countDocuments()).isEqualTo(50);
    assertThat(
            mongo.database().getCollection("pages").find(new Document("_id", "common/p7")).first())
        .isNotNull();
  }

  @Test
  void upsertCollectionIsComparedInFullEveryRunAndRestoresAnEditedDocument() throws Exception {
    TaskHarness harness = harness(pages(pagesSeed(directory, 20), "upsert"));
    harness.apply();
    mongo
        .database()
        .getCollection("pages")
        .updateOne(
            new Document("_id", "common/p3"),
            new Document("$set", new Document("title", "Edited")));
    mongo.resetCommands();

    TaskPlan plan = harness.plan();
    RunResult result = harness.apply();

    assertThat(mongo.targets).contains("find pages");
    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(result.outcome().counts()).containsEntry("updated", 1L);
    assertThat(
            mongo
                .database()
                .getCollection("pages")
                .find(new Document("_id", "common/p3"))
                .first()
                .getString("title"))
        .isEqualTo("Page 3");
  }
}
