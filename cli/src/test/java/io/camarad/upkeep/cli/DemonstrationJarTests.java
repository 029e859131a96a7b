package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Quick start, from outside: the repository's demonstration protocol {@code cblm001.yaml}
 * run by the packaged jar with the seed's command, twice. It runs in a copy of the protocol
 * beside a link to the repository's {@code examples/}, so that everything it writes lands in a
 * temporary directory.
 */
class DemonstrationJarTests {
  private static final Set<String> SETTLED = Set.of("APPLIED", "UP_TO_DATE", "SKIPPED");

  @TempDir Path dir;

  private CamaradJar camarad;

  @BeforeEach
  void copyTheDemonstration() throws Exception {
    Path root = CamaradJar.repositoryRoot();
    Path protocol = root.resolve("cblm001.yaml");
    assertThat(protocol).as("the demonstration protocol at the repository root").isRegularFile();
    Files.copy(protocol, dir.resolve("cblm001.yaml"));
    Files.createSymbolicLink(dir.resolve("examples"), root.resolve("examples"));
    camarad = new CamaradJar(dir);
  }

  @Test
  void theSeedCommandRunsTheWholeUpkeepThenHasNothingToDo() throws Exception {
    CamaradJar.Finished first = seedCommand("json");
    CamaradJar.Finished second = seedCommand("json");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    JsonNode report = first.json();
    assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(statuses(report)).isNotEmpty().allMatch(SETTLED::contains);
    assertThat(statuses(report)).contains("APPLIED");
    assertThat(dir.resolve(".upkeep/mongo/embedded.mv")).isRegularFile();
    assertThat(CamaradJar.assertAllJsonParses(dir.resolve(".upkeep"))).isNotEmpty();

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.json().get("status").asText()).isEqualTo("NOTHING_TO_DO");
    assertThat(statuses(second.json())).doesNotContain("APPLIED");
  }

  @Test
  void theEmperorToneTellsTheStoryAroundTheRealSummary() {
    CamaradJar.Finished run = seedCommand("emperor-eternal");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String out = run.stdout();
    assertThat(out).contains("Ingestion", "Execution", "Self-maintenance", "Liberation");
    assertThat(out.indexOf("Ingestion")).isLessThan(out.indexOf("TASK"));
    assertThat(out.indexOf("TASK")).isLessThan(out.indexOf("Liberation"));
    assertThat(out).contains("[notify]");
  }

  @Test
  void aDryRunChangesNothing() {
    CamaradJar.Finished run = camarad.run("camard-exec", "--full-upkeep", "--ingest-cblm001",
        "--apply-now", "--dry-run", "--tone=json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("mode").asText()).isEqualTo("PLAN");
    CamaradJar.Finished history = camarad.run("history");
    assertThat(history.stdout()).contains("No runs yet");
  }

  @Test
  void historyAndConfigShowTheRunAndTheOriginsWithSecretsMasked() {
    assertThat(seedCommand("plain").exitCode()).isZero();

    CamaradJar.Finished history = camarad.run("history", "--limit", "5");
    CamaradJar.Finished config = camarad.run("config", "--set", "parallelism=2");

    assertThat(history.stdout()).contains("apply", "succeeded");
    assertThat(config.exitCode()).as(config.toString()).isZero();
    assertThat(config.stdout()).containsPattern("parallelism\\s+2\\s+\\S*(flag|--set|override)");
  }

  private CamaradJar.Finished seedCommand(String tone) {
    return camarad.run("camard-exec", "--full-upkeep", "--ingest-cblm001", "--apply-now",
        "--tone=" + tone);
  }

  private static List<String> statuses(JsonNode report) {
    List<String> statuses = new ArrayList<>();
    report.get("tasks").forEach(t -> statuses.add(t.get("status").asText()));
    return statuses;
  }
}
