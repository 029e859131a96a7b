package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Runs the protocol snippet that docs/task-mongo.md gives for the demonstration. */
class DemoProtocolTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path directory;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> demoSettings() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/task-mongo.md"));
    String section = doc.substring(doc.indexOf("## Demonstration protocol snippet"));
    String yaml =
        section.substring(
            section.indexOf("```yaml") + 7, section.indexOf("```", section.indexOf("```yaml") + 7));
    Map<String, Object> protocol = new Yaml().load(yaml);
    Map<String, Object> mongo =
        (Map<String, Object>) ((Map<String, Object>) protocol.get("tasks")).get("mongo");
    Map<String, Object> settings = new HashMap<>((Map<String, Object>) mongo.get("settings"));
    List<Object> collections = new ArrayList<>();
    for (Object entry : (List<Object>) settings.get("collections")) {
      Map<String, Object> collection = new HashMap<>((Map<String, Object>) entry);
      if (collection.containsKey("seedFile")) {
        collection.put("seedFile", ROOT.resolve((String) collection.get("seedFile")).toString());
      }
      collections.add(collection);
    }
    settings.put("collections", collections);
    return settings;
  }

  @Test
  void demonstrationSnippetSeedsVerifiesAndIsUpToDateOnTheSecondRun() throws Exception {
    try (EmbeddedMongo mongo = new EmbeddedMongo()) {
      TaskHarness harness =
          TaskHarness.forTask(new MongoTask())
              .settings(demoSettings())
              .resource("mongo", mongo.database())
              .stateDirectory(directory)
              .build();

      RunResult first = harness.apply();
      mongo.resetCommands();
      RunResult second = harness.apply();

      assertThat(first.status()).as("%s", first).isEqualTo(TaskStatus.APPLIED);
      assertThat(first.outcome().counts())
          .containsEntry("inserted", 6504L + 3 + 3 + 1)
          .containsEntry("verification_failures", 0L);
      assertThat(second.status()).as("%s", second).isEqualTo(TaskStatus.UP_TO_DATE);
      assertThat(mongo.writeCommands()).isZero();
      Document admin = mongo.database().getCollection("users").find().first();
      assertThat(admin.get("createdAt")).isInstanceOf(java.util.Date.class);
      assertThat(mongo.database().getCollection("logs").listIndexes().into(new ArrayList<>()))
          .anySatisfy(i -> assertThat(i.get("expireAfterSeconds")).isNotNull());
    }
  }
}
