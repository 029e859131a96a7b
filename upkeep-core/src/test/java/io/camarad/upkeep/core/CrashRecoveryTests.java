package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTests {
  @TempDir Path stateDir;
  @TempDir Path signals;

  private int crashInChildProcess() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingRun.class.getName(),
                stateDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(stateDir.resolve("child.log").toFile())
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return child.exitValue();
  }

  @Test
  void aRunKilledDuringApplyLeavesReadableStateAndTheNextRunConverges() throws Exception {
    int exit = crashInChildProcess();

    assertThat(exit).isEqualTo(137);
    JsonNode lease = new ObjectMapper().readTree(stateDir.resolve("lock.json").toFile());
    assertThat(lease.get("released").asBoolean()).isFalse();
    assertThat(lease.get("holder").get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path json : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        new ObjectMapper().readTree(json.toFile()); // every file parses: none is torn
      }
    }
    try (Stream<Path> files = Files.list(stateDir.resolve("state"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("a.json");
    }

    try (Upkeep upkeep =
        engine(stateDir, FakeTasks.succeeding("a"), FakeTasks.succeeding("b", "a")).build()) {
      RunReport next = upkeep.apply();

      assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(next.task("a").orElseThrow().status()).isEqualTo(TaskStatus.UP_TO_DATE);
      assertThat(next.task("b").orElseThrow().status()).isEqualTo(TaskStatus.APPLIED);
      assertThat(upkeep.apply().status()).isEqualTo(RunStatus.NOTHING_TO_DO);
    }
  }

  @Test
  void aSecondProcessIsRefusedAtOnceWhileTheFirstApplies() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldingRun.class.getName(),
                stateDir.toString(),
                signals.toString())
            .redirectErrorStream(true)
            .redirectOutput(signals.resolve("child.log").toFile())
            .start();
    try {
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(signals.resolve("applying")) && System.nanoTime() < waitUntil) {
        Thread.sleep(20);
      }
      try (Upkeep second = engine(stateDir, FakeTasks.succeeding("other")).build()) {
        assertThatThrownBy(second::apply)
            .isInstanceOfSatisfying(
                LockedException.class, e -> assertThat(e.holder().pid()).isEqualTo(holder.pid()));
      }
      Files.writeString(signals.resolve("release"), "go");
      assertThat(holder.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.exitValue()).isZero();
    } finally {
      holder.destroyForcibly();
    }
  }
}
