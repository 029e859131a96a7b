package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Quick start, from outside: the repository's demonstration protocol {@code cblm001.yaml} run
 * by the packaged jar with the seed's command. It runs in a copy of the protocol beside a link to
 * the repository's {@code examples/}, so that everything it writes lands in a temporary directory.
 * One sequence, because each full run loads the whole corpus.
 */
class DemonstrationJarTests {
  private static final Set<String> SETTLED = Set.of("APPLIED", "UP_TO_DATE", "SKIPPED");

  @TempDir Path dir;

  @Test
  void theSeedCommandRunsTheWholeUpkeepThenHasNothingToDo() throws Exception {
    CamaradJar camarad = CamaradJar.demonstrationIn(dir);

    CamaradJar.Finished dryRun = seedCommand(camarad, "--tone=json", "--dry-run");
    CamaradJar.Finished noHistory = camarad.run("history");
    CamaradJar.Finished first = seedCommand(camarad, "--tone=emperor-eternal");
    CamaradJar.Finished second = seedCommand(camarad, "--tone=json");
    CamaradJar.Finished history = camarad.run("history", "--limit", "5", "--json");

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.json().get("mode").asText()).isEqualTo("PLAN");
    assertThat(noHistory.stdout()).contains("No runs yet");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertTheStoryWrapsTheRealSummary(first.stdout());
    assertThat(dir.resolve(".upkeep/mongo/embedded.mv")).isRegularFile();
    assertThat(CamaradJar.assertAllJsonParses(dir.resolve(".upkeep"))).isNotEmpty();

    assertThat(second.exitCode()).as(second.toString()).isZero();
    JsonNode report = second.json();
    assertThat(report.get("status").asText()).isEqualTo("NOTHING_TO_DO");
    assertThat(statuses(report))
        .isNotEmpty()
        .allMatch(SETTLED::contains)
        .doesNotContain("APPLIED")
        .contains("UP_TO_DATE");
    assertThat(second.stderr()).contains("[notify]");

    assertThat(history.json()).hasSize(2);
    assertThat(history.json().get(0).get("status").asText()).isEqualTo("NOTHING_TO_DO");
    assertThat(history.json().get(1).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void configShowsWhereEachValueCameFrom() throws Exception {
    CamaradJar camarad = CamaradJar.demonstrationIn(dir);

    CamaradJar.Finished config = camarad.run("config", "--set", "parallelism=2");

    assertThat(config.exitCode()).as(config.toString()).isZero();
    assertThat(config.stdout())
        .containsPattern("(?m)^parallelism\\s+--set parallelism\\s+2$")
        .containsPattern("(?m)^name\\s+cblm001\\.yaml:\\d+:\\d+\\s+camarad-nightly$");
  }

  private static void assertTheStoryWrapsTheRealSummary(String out) {
    assertThat(out)
        .contains("Ingestion", "Execution", "Self-maintenance", "Liberation", "[notify]");
    assertThat(out.indexOf("Ingestion")).isLessThan(out.indexOf("[mongo]"));
    assertThat(out.indexOf("[mongo]")).isLessThan(out.indexOf("TASK"));
    assertThat(out.indexOf("TASK")).isLessThan(out.indexOf("Liberation"));
    assertThat(out).containsPattern("mongo\\s+applied");
  }

  private static CamaradJar.Finished seedCommand(CamaradJar camarad, String... more) {
    List<String> args =
        new ArrayList<>(List.of("camard-exec", "--full-upkeep", "--ingest-cblm001", "--apply-now"));
    args.addAll(List.of(more));
    return camarad.run(args.toArray(String[]::new));
  }

  private static List<String> statuses(JsonNode report) {
    List<String> statuses = new ArrayList<>();
    report.get("tasks").forEach(t -> statuses.add(t.get("status").asText()));
    return statuses;
  }
}
