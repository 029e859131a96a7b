package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SecretsTests {
  private static final String SECRET = "planted-s3cr3t-4711";

  @TempDir Path dir;
  @RegisterExtension LogCapture logs = new LogCapture();

  /** Leaks its secret setting everywhere it can: logs, progress, summary, exceptions. */
  static class LeakyTask implements UpkeepTask {
    private final String id;
    private final boolean fail;

    LeakyTask(String id, boolean fail) {
      this.id = id;
      this.fail = fail;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public SettingsSpec settingsSpec() {
      return SettingsSpec.builder().secret("apiKey", "a key").build();
    }

    @Override
    public TaskPlan plan(TaskContext context) {
      String key = context.settings().secret("apiKey").reveal();
      context.logger().info("planning with {}", key);
      return TaskPlan.changes(
          "would call with " + key,
          List.of(new PlannedChange("call", "service", "with key " + key)),
          Map.of());
    }

    @Override
    public TaskOutcome apply(TaskContext context, TaskPlan plan) {
      String key = context.settings().secret("apiKey").reveal();
      context.logger().warn("calling the service with key " + key);
      context.logger().error("failed once", new IllegalStateException("boom " + key));
      context.progress().report("progress with " + key);
      if (fail) {
        throw new IllegalStateException("rejected key " + key);
      }
      return TaskOutcome.of("used key " + key);
    }
  }

  private Path protocol() throws Exception {
    Path file = dir.resolve("cblm001.yaml");
    Files.writeString(
        file,
        """
        tasks:
          leaky:
            settings: { apiKey: "${LEAKY_KEY}" }
          failing:
            settings: { apiKey: "${LEAKY_KEY}" }
        """);
    return file;
  }

  @Test
  void aPlantedSecretAppearsNowhere() throws Exception {
    List<String> heard = new ArrayList<>();
    Notifier notifier =
        new Notifier() {
          @Override
          public String type() {
            return "recording";
          }

          @Override
          public void runFinished(NotifierContext context, RunReport report) {
            heard.add(report.toString());
          }
        };
    List<String> progress = new ArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public synchronized void taskProgress(String taskId, String line) {
            progress.add(line);
          }
        };
    try (Upkeep upkeep =
        Upkeep.builder()
            .discovery(false)
            .protocol(protocol())
            .environment(Map.of("LEAKY_KEY", SECRET))
            .task(new LeakyTask("leaky", false))
            .task(new LeakyTask("failing", true))
            .notifier(notifier)
            .listener(listener)
            .build()) {
      RunReport plan = upkeep.plan();
      RunReport report = upkeep.apply();

      assertThat(report.task("leaky").orElseThrow().summary()).isEqualTo("used key ****");
      assertThat(report.task("failing").orElseThrow().error().message()).contains("****");
      assertThat(plan.toString()).doesNotContain(SECRET).contains("with key ****");
      assertThat(report.toString()).doesNotContain(SECRET);
      assertThat(upkeep.history(5).toString()).doesNotContain(SECRET);
      assertThat(upkeep.config().toString()).doesNotContain(SECRET).contains("****");
      assertThat(heard).isNotEmpty().allSatisfy(h -> assertThat(h).doesNotContain(SECRET));
      assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(SECRET));
    }
    assertThat(logs.text()).contains("calling the service with key ****").doesNotContain(SECRET);
    try (Stream<Path> files = Files.walk(dir.resolve(".upkeep"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void aSecretInAValidationMessageIsMaskedInTheConfigurationError() throws Exception {
    UpkeepTask picky =
        new LeakyTask("leaky", false) {
          @Override
          public void validate(Settings settings) throws SettingsException {
            throw new SettingsException(
                "apiKey",
                "key "
                    + settings.secret("apiKey").reveal()
                    + " has the wrong prefix; use a key starting with pk-");
          }
        };
    Path file = dir.resolve("cblm001.yaml");
    Files.writeString(file, "tasks:\n  leaky:\n    settings: { apiKey: \"${LEAKY_KEY}\" }\n");

    assertThatThrownBy(
            () ->
                Upkeep.builder()
                    .discovery(false)
                    .protocol(file)
                    .environment(Map.of("LEAKY_KEY", SECRET))
                    .task(picky)
                    .build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("wrong prefix")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void aSecretFromTheContextIsMaskedToo() throws Exception {
    UpkeepTask optional =
        FakeTasks.succeeding("opt")
            .onApply(
                ctx ->
                    ctx.logger()
                        .info(
                            "optional credential {}",
                            ctx.secret("OPTIONAL_TOKEN").orElseThrow().reveal()));
    try (Upkeep upkeep =
        Upkeep.builder()
            .discovery(false)
            .protocol("p", Map.of())
            .stateDirectory(dir)
            .environment(Map.of("OPTIONAL_TOKEN", SECRET))
            .task(optional)
            .build()) {
      upkeep.apply();
    }
    assertThat(logs.text()).contains("optional credential ****").doesNotContain(SECRET);
  }
}
