package io.camarad.upkeep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsBinderTests {
  @TempDir Path dir;

  private static final SettingsSpec SPEC =
      SettingsSpec.builder()
          .string("database", "camarad", "database name")
          .integer("batchSize", 1000, "documents per bulk write")
          .duration("retention", Duration.ofDays(30), "how long backups are kept")
          .optionalSecret("apiKey", "the API key")
          .choice("mode", "write mode", "insertOnly", "upsert")
          .path("seedFile", null, "seed file")
          .sections(
              "collections",
              SettingsSpec.builder().requiredString("name", "collection name").build(),
              "collections")
          .build();

  private Path protocol(String yaml) throws IOException {
    Path file = dir.resolve("cblm001.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Settings bind(ConfigSource source, List<ConfigProblem> problems) {
    return new SettingsBinder(source).bind("tasks.mongo.settings", SPEC, problems);
  }

  @Test
  void bindsTypedValuesAndFillsDefaults() throws Exception {
    Path file =
        protocol(
            "tasks:\n  mongo:\n    settings:\n      batchSize: 500\n      seedFile: seed/users.json\n"
                + "      collections:\n        - name: users\n");
    List<ConfigProblem> problems = new ArrayList<>();
    Settings settings = bind(ConfigSource.load(file, Map.of(), Map.of()), problems);

    assertThat(problems).isEmpty();
    assertThat(settings.integer("batchSize")).isEqualTo(500);
    assertThat(settings.string("database")).isEqualTo("camarad");
    assertThat(settings.duration("retention")).isEqualTo(Duration.ofDays(30));
    assertThat(settings.pathValue("seedFile")).isEqualTo(dir.resolve("seed/users.json"));
    assertThat(settings.sections("collections").get(0).string("name")).isEqualTo("users");
    assertThat(settings.origin("batchSize")).isEqualTo("cblm001.yaml:4:18");
    assertThat(settings.origin("database")).isEqualTo("default");
  }

  @Test
  void reportsUnknownKeyWithSuggestionAndPosition() throws Exception {
    Path file = protocol("tasks:\n  mongo:\n    settings:\n      batchSzie: 500\n");
    List<ConfigProblem> problems = new ArrayList<>();
    bind(ConfigSource.load(file, Map.of(), Map.of()), problems);

    assertThat(problems)
        .extracting(ConfigProblem::format)
        .containsExactly(
            "cblm001.yaml:4:7: tasks.mongo.settings.batchSzie: unknown key 'batchSzie'; did you"
                + " mean 'batchSize'?");
  }

  @Test
  void reportsWrongTypesWithTheValueAndMissingRequiredValues() throws Exception {
    Path file =
        protocol(
            "tasks:\n  mongo:\n    settings:\n      batchSize: many\n      retention: 30\n"
                + "      mode: upsrt\n      collections:\n        - {}\n");
    List<ConfigProblem> problems = new ArrayList<>();
    bind(ConfigSource.load(file, Map.of(), Map.of()), problems);

    assertThat(problems)
        .extracting(ConfigProblem::format)
        .containsExactly(
            "cblm001.yaml:4:18: tasks.mongo.settings.batchSize: expected a whole number, got 'many'",
            "cblm001.yaml:5:18: tasks.mongo.settings.retention: expected a duration like 30s, 10m,"
                + " 24h or 30d, got '30'",
            "cblm001.yaml:6:13: tasks.mongo.settings.mode: 'upsrt' is not one of insertOnly, upsert;"
                + " did you mean 'upsert'?",
            "cblm001.yaml:8:11: tasks.mongo.settings.collections.0.name: missing required setting"
                + " 'name' (collection name); add it under 'tasks.mongo.settings.collections.0'");
  }

  @Test
  void appliesPrecedenceOverridesThenEnvironmentThenFileThenDefaults() throws Exception {
    Path file =
        protocol("tasks:\n  mongo:\n    settings:\n      batchSize: 500\n      database: app\n");
    Map<String, String> env =
        Map.of(
            "UPKEEP_TASKS_MONGO_SETTINGS_BATCH_SIZE",
            "700",
            "UPKEEP_TASKS_MONGO_SETTINGS_DATABASE",
            "envdb");
    ConfigSource source =
        ConfigSource.load(file, env, Map.of("tasks.mongo.settings.database", "flagdb"));
    List<ConfigProblem> problems = new ArrayList<>();
    Settings settings = bind(source, problems);

    assertThat(problems).isEmpty();
    assertThat(settings.string("database")).isEqualTo("flagdb");
    assertThat(settings.origin("database")).isEqualTo("--set tasks.mongo.settings.database");
    assertThat(settings.integer("batchSize")).isEqualTo(700);
    assertThat(settings.origin("batchSize"))
        .isEqualTo("environment variable UPKEEP_TASKS_MONGO_SETTINGS_BATCH_SIZE");
    assertThat(settings.duration("retention")).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void resolvesSecretsFromDotEnvBelowTheProcessEnvironmentAndMasksThem() throws Exception {
    Path file = protocol("tasks:\n  mongo:\n    settings:\n      apiKey: ${API_KEY}\n");
    Files.writeString(dir.resolve(".env"), "# local secrets\nexport API_KEY='from-dotenv-1234'\n");
    ConfigSource fromDotEnv = ConfigSource.load(file, Map.of(), Map.of());
    ConfigSource fromProcess =
        ConfigSource.load(file, Map.of("API_KEY", "from-process-5678"), Map.of());

    Secret secret = bind(fromDotEnv, new ArrayList<>()).secret("apiKey");
    assertThat(secret.reveal()).isEqualTo("from-dotenv-1234");
    assertThat(secret.name()).isEqualTo("API_KEY");
    assertThat(secret.toString()).doesNotContain("from-dotenv");
    assertThat(bind(fromProcess, new ArrayList<>()).secret("apiKey").reveal())
        .isEqualTo("from-process-5678");
    assertThat(fromProcess.masker().mask("calling with key from-process-5678"))
        .isEqualTo("calling with key ****");
    Settings settings = bind(fromProcess, new ArrayList<>());
    assertThat(SettingsBinder.entries(settings))
        .filteredOn(e -> e.path().endsWith("apiKey"))
        .singleElement()
        .satisfies(e -> assertThat(e.value()).isEqualTo("****"));
  }

  @Test
  void reportsAnUnsetSecretByNameWithoutAValue() throws Exception {
    Path file = protocol("tasks:\n  mongo:\n    settings:\n      apiKey: ${PINECONE_API_KEY}\n");
    List<ConfigProblem> problems = new ArrayList<>();
    bind(ConfigSource.load(file, Map.of(), Map.of()), problems);

    assertThat(problems)
        .extracting(ConfigProblem::format)
        .containsExactly(
            "cblm001.yaml:4:15: tasks.mongo.settings.apiKey: references ${PINECONE_API_KEY}, which"
                + " is not set; set PINECONE_API_KEY in the environment or in .env beside the"
                + " protocol");
  }

  @Test
  void reportsSyntaxErrorsAndMissingFilesWithTheirPlace() throws Exception {
    Path broken = protocol("tasks:\n  mongo:\n    settings: [unclosed\n");
    assertThatThrownBy(() -> ConfigSource.load(broken, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cblm001.yaml:4:1: YAML syntax error");
    assertThatThrownBy(() -> ConfigSource.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("protocol file not found");
  }

  @Test
  void reportsDuplicateKeysWithBothPositions() throws Exception {
    Path file = protocol("name: a\nname: b\n");
    assertThatThrownBy(() -> ConfigSource.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "cblm001.yaml:2:1: name: duplicate key, first set at cblm001.yaml:1:1");
  }

  @Test
  void reportsANestedDuplicateKeyWithItsFullPath() throws Exception {
    Path file = protocol("tasks:\n  mongo: {}\n  jwt: {}\n  mongo: {}\n");
    assertThatThrownBy(() -> ConfigSource.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "cblm001.yaml:4:3: tasks.mongo: duplicate key, first set at cblm001.yaml:2:3");
  }

  @Test
  void locatesAKeyWhereTheKeyIsWritten() throws Exception {
    Path file = protocol("tasks:\n  mongoo:\n    timeout: 5m\n");
    ConfigSource source = ConfigSource.load(file, Map.of(), Map.of());
    assertThat(source.locationOf("tasks.mongoo")).isEqualTo("cblm001.yaml:2:3");
    assertThat(source.locationOf("tasks.mongoo.timeout")).isEqualTo("cblm001.yaml:3:5");
    assertThat(source.locationOf("tasks.mongoo.settings")).isEqualTo("cblm001.yaml:2:3");
  }

  @Test
  void reportsAnUnsetReferenceOnceWithoutAPhantomTypeError() throws Exception {
    Path file = protocol("tasks:\n  mongo:\n    settings:\n      batchSize: ${SIZE}\n");
    List<ConfigProblem> problems = new ArrayList<>();
    bind(ConfigSource.load(file, Map.of(), Map.of()), problems);
    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("references ${SIZE}, which is not set"));
  }

  @Test
  void saysANumberIsOutOfRangeRatherThanNotANumber() throws Exception {
    Path file = protocol("tasks:\n  mongo:\n    settings:\n      batchSize: 99999999999\n");
    List<ConfigProblem> problems = new ArrayList<>();
    bind(ConfigSource.load(file, Map.of(), Map.of()), problems);
    assertThat(problems)
        .extracting(ConfigProblem::message)
        .containsExactly(
            "'99999999999' is out of range; use a number between -2147483647 and 2147483647");
  }

  @Test
  void refusesADirectoryGivenAsTheProtocol() {
    assertThatThrownBy(() -> ConfigSource.load(dir, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is a directory, not a protocol file; pass the file inside it");
  }

  @Test
  void reportsBadDotEnvLinesByLineWithoutTheirContent() throws Exception {
    Path file = protocol("name: a\n");
    Files.writeString(dir.resolve(".env"), "GOOD=1\nthis is secret-ish garbage\n");
    assertThatThrownBy(() -> ConfigSource.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(".env:2: not a NAME=value line")
        .hasMessageNotContaining("garbage");
  }

  @Test
  void bindsPlainValuesGivenByCode() {
    ConfigSource source =
        ConfigSource.fromMap(
            "test",
            dir,
            Map.of("tasks", Map.of("mongo", Map.of("settings", Map.of("batchSize", 5)))),
            Map.of());
    Settings settings = bind(source, new ArrayList<>());
    assertThat(settings.integer("batchSize")).isEqualTo(5);
    assertThat(source.keysAt("tasks")).containsExactly("mongo");
  }

  @Test
  void parsesDurationsAsPeopleWriteThem() {
    assertThat(DurationFormat.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(DurationFormat.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(DurationFormat.parse("PT2H")).contains(Duration.ofHours(2));
    assertThat(DurationFormat.parse("ten minutes")).isEmpty();
    assertThat(DurationFormat.format(Duration.ofDays(30))).isEqualTo("30d");
  }
}
