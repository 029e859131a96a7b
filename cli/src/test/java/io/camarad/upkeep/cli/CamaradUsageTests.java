package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command does before the engine is involved: parsing, help, usage errors. */
class CamaradUsageTests {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    Terminal terminal =
        new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false);
    return Camarad.run(terminal, args);
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString())
        .contains(
            "plan", "apply", "camard-exec", "tasks", "history", "config", "doctor", "completion");
    assertThat(out.toString()).contains("Exit codes:", "another run holds the lock");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {
          "plan", "apply", "camard-exec", "tasks", "history", "config", "doctor", "completion"
        }) {
      assertThat(run(command, "--help")).as(command).isZero();
    }
    assertThat(out.toString())
        .contains(
            "--full-upkeep",
            "--ingest-cblm001",
            "--apply-now",
            "--dry-run",
            "--tone",
            "--protocol",
            "--set",
            "--plugins",
            "--state-dir",
            "--save",
            "--limit");
  }

  @Test
  void noCommandIsBadUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("name a command");
  }

  @Test
  void camardExecNeedsTheSeedFlags() {
    assertThat(run("camard-exec", "--apply-now")).isEqualTo(2);
    assertThat(err.toString()).contains("--full-upkeep");
  }

  @Test
  void anUnknownToneIsBadUsageNamingTheTones() {
    assertThat(run("camard-exec", "--full-upkeep", "--ingest-cblm001", "--tone=loud")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown tone 'loud'", "plain", "json", "emperor-eternal");
  }

  @Test
  void aMissingProtocolFileIsBadUsageNamingThePath() {
    Path missing = dir.resolve("nowhere.yaml");

    assertThat(run("plan", "--protocol", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no protocol file at " + missing);
  }

  @Test
  void aMissingSavedPlanIsBadUsage() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("cblm001.yaml"), "name: usage\n");

    assertThat(
            run(
                "apply",
                "--protocol",
                dir.resolve("cblm001.yaml").toString(),
                "--plan",
                dir.resolve("missing.json").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no saved plan at " + dir.resolve("missing.json"));
  }

  @Test
  void aPluginsDirectoryThatDoesNotExistIsBadUsageNamingItAndTheFix() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("cblm001.yaml"), "name: usage\n");
    Path missing = dir.resolve("nonexistent");

    assertThat(
            run(
                "plan",
                "--protocol",
                dir.resolve("cblm001.yaml").toString(),
                "--plugins",
                missing.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--plugins", missing.toString(), "no such directory", "create it");
  }

  @Test
  void aHistoryLimitBelowOneIsBadUsage() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("cblm001.yaml"), "name: usage\n");
    String protocol = dir.resolve("cblm001.yaml").toString();

    assertThat(run("history", "--protocol", protocol, "--limit", "0")).isEqualTo(2);
    assertThat(run("history", "--protocol", protocol, "--limit", "-3")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--limit must be at least 1, got 0")
        .contains("--limit must be at least 1, got -3");
    assertThat(out.toString()).doesNotContain("No runs yet");
  }

  @Test
  void completionPrintsABashScriptCoveringTheCommands() {
    assertThat(run("completion")).isZero();

    assertThat(out.toString()).contains("complete -F", "camard-exec", "--tone");
  }

  @Test
  void versionNamesTheEngineVersion() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString()).startsWith("camarad ");
  }
}
