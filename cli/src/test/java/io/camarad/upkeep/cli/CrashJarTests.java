package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process killed (not an exception: {@code destroyForcibly}, no shutdown hooks) at chosen
 * points of an apply. The next run must converge, and no state file may be corrupt.
 */
class CrashJarTests {
  @TempDir Path dir;

  @Test
  void killedInTheMiddleOfATaskTheNextRunRedoesItAndConverges() throws Exception {
    CamaradJar camarad = protocolWithSlowTask();

    CamaradJar.Running victim = camarad.start("apply");
    victim.awaitOutput("[slow] started", Duration.ofSeconds(60));
    CamaradJar.sleep(1_000);
    victim.crash();

    assertConverges(camarad);
  }

  @Test
  void killedRightAfterStartTheNextRunConverges() throws Exception {
    CamaradJar camarad = protocolWithSlowTask();

    CamaradJar.Running victim = camarad.start("apply");
    CamaradJar.sleep(700);
    victim.crash();

    assertConverges(camarad);
  }

  @Test
  void killedWhileTheEmbeddedMongoIsOpenItsDataFileStillOpens() throws Exception {
    CamaradJar camarad =
        protocolWithSlowTask(
            "resources:\n" + "  mongo: { type: mongodb, uri: embedded }\n", ", resource: mongo");

    CamaradJar.Running victim = camarad.start("apply");
    victim.awaitOutput("[slow] opened mongo", Duration.ofSeconds(60));
    victim.crash();

    assertThat(dir.resolve(".upkeep/mongo/embedded.mv")).isRegularFile();
    assertConverges(camarad);
    CamaradJar.Finished doctor = camarad.run("doctor");
    assertThat(doctor.stdout())
        .as(doctor.toString())
        .containsPattern("resource:mongo\\s+up\\s+embedded MongoDB");
  }

  @Test
  void killedWhileTheDemonstrationSeedsMongoTheNextRunsConverge() throws Exception {
    CamaradJar camarad = CamaradJar.demonstrationIn(dir);

    CamaradJar.Running victim = camarad.start("apply", "--set", "lock.lease=3s");
    victim.awaitOutput("[mongo] started", Duration.ofSeconds(60));
    CamaradJar.sleep(1_500);
    victim.crash();

    CamaradJar.assertAllJsonParses(dir.resolve(".upkeep"));
    CamaradJar.Finished recovery = applyOnceTheLeaseLapses(camarad, "--set", "lock.lease=3s");
    assertThat(recovery.exitCode()).as(recovery.toString()).isZero();
    assertThat(recovery.json().get("status").asText()).isIn("SUCCEEDED", "NOTHING_TO_DO");
    CamaradJar.Finished after = camarad.run("apply", "--tone=json");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.json().get("status").asText()).isEqualTo("NOTHING_TO_DO");
    CamaradJar.assertAllJsonParses(dir.resolve(".upkeep"));
  }

  private CamaradJar protocolWithSlowTask() throws Exception {
    return protocolWithSlowTask("", "");
  }

  private CamaradJar protocolWithSlowTask(String extra, String slowSettings) throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    Files.writeString(
        dir.resolve("cblm001.yaml"),
        extra
            + ExamplePlugin.protocol(
                "crashing",
                "  slow:\n    settings: { steps: 4, stepMillis: 500" + slowSettings + " }\n"));
    return new CamaradJar(dir);
  }

  /**
   * Applies until the crashed run's lease lapses, then checks the run completed, a further run has
   * nothing to do, and every JSON file under the state directory parses.
   */
  private void assertConverges(CamaradJar camarad) throws Exception {
    Path stateDir = dir.resolve(".upkeep");
    if (Files.exists(stateDir)) {
      CamaradJar.assertAllJsonParses(stateDir);
    }
    CamaradJar.Finished recovery = applyOnceTheLeaseLapses(camarad);
    assertThat(recovery.exitCode()).as(recovery.toString()).isZero();
    assertThat(ExternalPluginJarTests.taskStatus(recovery.json(), "slow")).isEqualTo("APPLIED");

    CamaradJar.Finished after = camarad.run("apply", "--tone=json");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.json().get("status").asText()).isEqualTo("NOTHING_TO_DO");
    assertThat(CamaradJar.assertAllJsonParses(stateDir)).isNotEmpty();
  }

  private static CamaradJar.Finished applyOnceTheLeaseLapses(CamaradJar camarad, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--tone=json"));
    args.addAll(List.of(more));
    Instant end = Instant.now().plusSeconds(30);
    while (true) {
      CamaradJar.Finished run = camarad.run(args.toArray(String[]::new));
      if (run.exitCode() != 3 || Instant.now().isAfter(end)) {
        return run;
      }
      CamaradJar.sleep(1_000);
    }
  }
}
