package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin built outside the project, dropped into plugins/ beside the protocol. */
class ExternalPluginJarTests {
  @TempDir Path dir;

  @Test
  void aDroppedInPluginIsDiscoveredWithItsJarAndRuns() throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    Path greeting = dir.resolve("greeting.txt");
    Files.writeString(
        dir.resolve("cblm001.yaml"),
        ExamplePlugin.protocol(
            "external", "  hello:\n    settings: { greeting: salve, file: '" + greeting + "' }\n"));
    CamaradJar camarad = new CamaradJar(dir);

    CamaradJar.Finished tasks = camarad.run("tasks");
    CamaradJar.Finished first = camarad.run("apply", "--tone=json");
    CamaradJar.Finished second = camarad.run("apply", "--tone=json");

    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    assertThat(tasks.stdout()).contains("hello", "slow", "example-plugin-1.0.jar");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(taskStatus(first.json(), "hello")).isEqualTo("APPLIED");
    assertThat(Files.readString(greeting)).isEqualTo("salve");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.json().get("status").asText()).isEqualTo("NOTHING_TO_DO");
    assertThat(taskStatus(second.json(), "hello")).isEqualTo("UP_TO_DATE");
  }

  @Test
  void aChangedSettingMakesThePluginDueAgain() throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    Path greeting = dir.resolve("greeting.txt");
    Files.writeString(
        dir.resolve("cblm001.yaml"),
        ExamplePlugin.protocol(
            "external", "  hello:\n    settings: { file: '" + greeting + "' }\n"));
    CamaradJar camarad = new CamaradJar(dir);
    assertThat(camarad.run("apply").exitCode()).isZero();

    CamaradJar.Finished changed =
        camarad.run("apply", "--tone=json", "--set", "tasks.hello.settings.greeting=ave");

    assertThat(changed.exitCode()).as(changed.toString()).isZero();
    assertThat(taskStatus(changed.json(), "hello")).isEqualTo("APPLIED");
    assertThat(Files.readString(greeting)).isEqualTo("ave");
  }

  static String taskStatus(JsonNode report, String taskId) {
    for (JsonNode task : report.get("tasks")) {
      if (task.get("taskId").asText().equals(taskId)) {
        return task.get("status").asText();
      }
    }
    throw new AssertionError("no task " + taskId + " in " + report);
  }
}
