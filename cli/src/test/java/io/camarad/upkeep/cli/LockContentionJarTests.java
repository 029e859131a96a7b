package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one protocol: the second exits at once with the "locked" code. */
class LockContentionJarTests {
  @TempDir Path dir;

  @Test
  void aSecondApplyExitsWithCode3NamingTheHolderAndTheFirstCompletes() throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    Files.writeString(
        dir.resolve("cblm001.yaml"),
        ExamplePlugin.protocol(
            "contended", "  slow:\n    settings: { steps: 8, stepMillis: 600 }\n"));
    CamaradJar camarad = new CamaradJar(dir);

    CamaradJar.Running holder = camarad.start("apply");
    holder.awaitOutput("[slow] started", Duration.ofSeconds(60));
    CamaradJar.Finished second = camarad.run("apply");
    boolean holderStillRunning = holder.process().isAlive();
    CamaradJar.Finished first = holder.await(Duration.ofMinutes(1));

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(3);
    assertThat(second.stderr())
        .contains("another upkeep is running")
        .contains("pid " + holder.pid());
    assertThat(holderStillRunning).as("the second run must not wait for the first").isTrue();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).contains("[slow] applied");
  }

  @Test
  void planAndDoctorRefuseWhileAnApplyHoldsTheLockAndWorkAfterIt() throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    Files.writeString(
        dir.resolve("cblm001.yaml"),
        "resources:\n"
            + "  mongo: { type: mongodb, uri: embedded }\n"
            + ExamplePlugin.protocol(
                "embedded",
                "  slow:\n    settings: { steps: 8, stepMillis: 600, resource: mongo }\n"));
    CamaradJar camarad = new CamaradJar(dir);

    CamaradJar.Running holder = camarad.start("apply");
    holder.awaitOutput("[slow] opened mongo", Duration.ofSeconds(60));
    CamaradJar.Finished plan = camarad.run("plan");
    CamaradJar.Finished doctor = camarad.run("doctor");
    CamaradJar.Finished first = holder.await(Duration.ofMinutes(1));
    CamaradJar.Finished planAfter = camarad.run("plan");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(3);
    assertThat(plan.stderr()).contains("pid " + holder.pid());
    assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(3);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(planAfter.exitCode()).as(planAfter.toString()).isZero();
    assertThat(planAfter.stdout()).containsPattern("slow\\s+up to date");
  }
}
