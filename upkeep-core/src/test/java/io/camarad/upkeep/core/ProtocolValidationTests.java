package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolValidationTests {
  @TempDir Path dir;

  private Path protocolFile(String yaml) throws Exception {
    Path file = dir.resolve("cblm001.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static FakeTask pinecone() {
    return FakeTasks.succeeding("pinecone")
        .settingsSpec(
            SettingsSpec.builder()
                .secret("apiKey", "the Pinecone API key")
                .integer("batchSize", 100, "batch")
                .build());
  }

  private Upkeep.Builder engine(Path file, Map<String, String> env, FakeTask... tasks) {
    Upkeep.Builder b = Upkeep.builder().discovery(false).protocol(file).environment(env);
    for (FakeTask t : tasks) {
      b.task(t);
    }
    return b;
  }

  @Test
  void unknownTopLevelKeyIsReportedWithItsPositionAndASuggestion() throws Exception {
    Path file = protocolFile("name: nightly\nparalelism: 4\n");

    assertThatThrownBy(() -> engine(file, Map.of()).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::format)
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("cblm001.yaml:2:")
                                .contains("paralelism")
                                .contains("did you mean 'parallelism'")));
  }

  @Test
  void everyProblemIsCollectedBeforeAnythingRuns() throws Exception {
    Path file =
        protocolFile(
            """
        parallelism: many
        tasks:
          pinecone:
            timeout: soon
            settings:
              batchSize: 10
              apiKey: ${PINECONE_API_KEY}
          nosuchtask: {}
        """);
    FakeTask task = pinecone();

    assertThatThrownBy(() -> engine(file, Map.of(), task).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::path)
                  .contains(
                      "parallelism",
                      "tasks.pinecone.timeout",
                      "tasks.pinecone.settings.apiKey",
                      "tasks.nosuchtask");
              assertThat(e.getMessage()).contains("PINECONE_API_KEY");
            });
    assertThat(task.plans()).isZero();
  }

  @Test
  void anUnsetVariableIsOneProblemNotAlsoTheEmptyValueItLeaves() throws Exception {
    Path file =
        protocolFile(
            """
        parallelism: "${NOT_SET_P}"
        lock: { lease: "${NOT_SET_LEASE}" }
        services:
          pinecone: { maxAttempts: "${NOT_SET_ATT}" }
        tasks:
          pinecone:
            timeout: "${NOT_SET_TIMEOUT}"
            settings: { apiKey: "${NOT_SET_KEY}", batchSize: 10 }
        """);

    assertThatThrownBy(() -> engine(file, Map.of(), pinecone()).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::path)
                  .containsExactlyInAnyOrder(
                      "parallelism",
                      "lock.lease",
                      "services.pinecone.maxAttempts",
                      "tasks.pinecone.timeout",
                      "tasks.pinecone.settings.apiKey");
              assertThat(e.problems())
                  .allSatisfy(p -> assertThat(p.message()).contains("which is not set"));
            });
  }

  @Test
  void aTypoInDependsOnGetsADidYouMeanAmongTheTaskIds() throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          mongo: {}
          pinecone:
            dependsOn: [mongoo]
        """);

    assertThatThrownBy(
            () ->
                engine(
                        file,
                        Map.of(),
                        FakeTasks.succeeding("mongo"),
                        FakeTasks.succeeding("pinecone"))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.path()).isEqualTo("tasks.pinecone.dependsOn");
                          assertThat(p.format())
                              .contains("cblm001.yaml:4:")
                              .contains("did you mean 'mongo'?")
                              .doesNotContain("jar");
                        }));
  }

  @Test
  void anUnknownTaskIdGetsTheFixThatFitsATypoOrAMissingJar() throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          mongoo: {}
          search: {}
        """);

    assertThatThrownBy(() -> engine(file, Map.of(), FakeTasks.succeeding("mongo")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems())
                  .filteredOn(p -> p.path().equals("tasks.mongoo"))
                  .singleElement()
                  .satisfies(
                      p ->
                          assertThat(p.message())
                              .contains("did you mean 'mongo'?")
                              .doesNotContain("jar"));
              assertThat(e.problems())
                  .filteredOn(p -> p.path().equals("tasks.search"))
                  .singleElement()
                  .satisfies(
                      p ->
                          assertThat(p.message())
                              .contains("add the jar")
                              .doesNotContain("did you mean"));
            });
  }

  @Test
  void taskThatRequiresAnUnsetVariableIsSkippedVisiblyAndItsSecretsAreNotRequired()
      throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          pinecone:
            requires: [PINECONE_API_KEY]
            settings:
              apiKey: ${PINECONE_API_KEY}
        """);
    FakeTask task = pinecone();

    try (Upkeep upkeep = engine(file, Map.of(), task).build()) {
      RunReport plan = upkeep.plan();

      TaskReport report = plan.task("pinecone").orElseThrow();
      assertThat(report.status()).isEqualTo(TaskStatus.SKIPPED);
      assertThat(report.summary()).isEqualTo("not configured: set PINECONE_API_KEY");
      assertThat(task.plans()).isZero();
    }
  }

  @Test
  void configStillListsTheSettingsOfATaskSkippedForAnUnsetVariable() throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          pinecone:
            requires: [PINECONE_API_KEY]
            settings:
              apiKey: ${PINECONE_API_KEY}
              batchSize: 50
        """);

    try (Upkeep upkeep = engine(file, Map.of(), pinecone()).build()) {
      assertThat(upkeep.config())
          .extracting(ConfigEntry::path, ConfigEntry::value)
          .contains(
              tuple("tasks.pinecone.settings.apiKey", "(not set: PINECONE_API_KEY)"),
              tuple("tasks.pinecone.settings.batchSize", "50"),
              tuple("tasks.pinecone.requires", "[PINECONE_API_KEY]"));
      assertThat(upkeep.config())
          .filteredOn(e -> e.path().endsWith("apiKey"))
          .singleElement()
          .satisfies(e -> assertThat(e.origin()).contains("cblm001.yaml:5:"));
    }
  }

  @Test
  void taskThatRequiresASetVariableRunsWithItsSecret() throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          pinecone:
            requires: [PINECONE_API_KEY]
            settings:
              apiKey: ${PINECONE_API_KEY}
        """);
    FakeTask task = pinecone();

    try (Upkeep upkeep = engine(file, Map.of("PINECONE_API_KEY", "pk-1234"), task).build()) {
      assertThat(upkeep.plan().task("pinecone").orElseThrow().status()).isEqualTo(TaskStatus.DUE);
    }
  }

  @Test
  void dependentOfASkippedTaskDoesNotRunAndSaysWhy() throws Exception {
    Path file =
        protocolFile(
            """
        tasks:
          pinecone:
            requires: [PINECONE_API_KEY]
          sitemap:
            dependsOn: [pinecone]
        """);
    FakeTask sitemap = FakeTasks.succeeding("sitemap");

    try (Upkeep upkeep =
        engine(file, Map.of(), FakeTasks.succeeding("pinecone"), sitemap).build()) {
      TaskReport report = upkeep.apply().task("sitemap").orElseThrow();

      assertThat(report.status()).isEqualTo(TaskStatus.NOT_RUN);
      assertThat(report.summary()).contains("'pinecone', which was skipped");
    }
  }

  @Test
  void disabledTaskIsSkippedVisibly() throws Exception {
    Path file = protocolFile("tasks:\n  a:\n    enabled: false\n");
    FakeTask a = FakeTasks.succeeding("a");

    try (Upkeep upkeep = engine(file, Map.of(), a).build()) {
      assertThat(upkeep.apply().task("a").orElseThrow().summary())
          .isEqualTo("disabled in the protocol");
      assertThat(a.applies()).isZero();
    }
  }

  @Test
  void protocolDependencyCycleIsRefusedWithTheCyclePrinted() throws Exception {
    Path file = protocolFile("tasks:\n  a:\n    dependsOn: [b]\n  b:\n    dependsOn: [a]\n");

    assertThatThrownBy(
            () ->
                engine(file, Map.of(), FakeTasks.succeeding("a"), FakeTasks.succeeding("b"))
                    .build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("a -> b -> a");
  }

  @Test
  void missingDependencyNamesWhoNeedsIt() throws Exception {
    Path file = protocolFile("tasks:\n  sitemap:\n    dependsOn: [pages]\n");

    assertThatThrownBy(() -> engine(file, Map.of(), FakeTasks.succeeding("sitemap")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.path()).isEqualTo("tasks.sitemap.dependsOn");
                          assertThat(p.location()).startsWith("cblm001.yaml:3:");
                          assertThat(p.message()).contains("'sitemap' depends on 'pages'");
                        }));
  }

  @Test
  void retriesAreRefusedForATaskThatIsNotIdempotent() throws Exception {
    Path file = protocolFile("tasks:\n  a:\n    retries: 2\n");

    assertThatThrownBy(() -> engine(file, Map.of(), FakeTasks.succeeding("a")).build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("tasks.a.retries")
        .hasMessageContaining("not idempotent");
  }

  @Test
  void unknownLockTypeIsReportedWithTheAvailableOnes() throws Exception {
    Path file = protocolFile("lock: { type: fiel }\n");

    assertThatThrownBy(() -> engine(file, Map.of()).build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("lock.type")
        .hasMessageContaining("did you mean 'file'");
  }

  @Test
  void flagsOverrideTheFileAndConfigShowsWhereEachValueCameFrom() throws Exception {
    Path file = protocolFile("name: nightly\nparallelism: 2\n");

    try (Upkeep upkeep = engine(file, Map.of()).set("parallelism", "3").build()) {
      assertThat(upkeep.config())
          .anySatisfy(
              e -> {
                assertThat(e.path()).isEqualTo("parallelism");
                assertThat(e.value()).isEqualTo("3");
                assertThat(e.origin()).contains("--set");
              })
          .anySatisfy(
              e -> {
                assertThat(e.path()).isEqualTo("name");
                assertThat(e.origin()).startsWith("cblm001.yaml:1:");
              })
          .anySatisfy(
              e -> {
                assertThat(e.path()).isEqualTo("allOrNothing");
                assertThat(e.origin()).isEqualTo("default");
              });
    }
  }

  @Test
  void stateDirectoryDefaultsToUpkeepBesideTheProtocolFile() throws Exception {
    Path file = protocolFile("name: nightly\n");

    try (Upkeep upkeep = engine(file, Map.of(), FakeTasks.succeeding("a")).build()) {
      upkeep.apply();

      assertThat(dir.resolve(".upkeep/state/a.json")).exists();
    }
  }
}
