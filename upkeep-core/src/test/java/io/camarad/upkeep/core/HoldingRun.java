package io.camarad.upkeep.core;

import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process for {@link CrashRecoveryTests}: applies one task that holds the run (and so the
 * lock) until the file {@code release} appears beside the state directory, after writing {@code
 * applying}.
 */
public final class HoldingRun {
  private HoldingRun() {}

  public static void main(String[] args) throws Exception {
    Path stateDir = Path.of(args[0]);
    Path signals = Path.of(args[1]);
    FakeTask holding =
        FakeTasks.succeeding("holding")
            .onApply(
                ctx -> {
                  Files.writeString(signals.resolve("applying"), "yes");
                  while (!Files.exists(signals.resolve("release"))) {
                    Thread.sleep(20);
                  }
                });
    try (Upkeep upkeep =
        Upkeep.builder()
            .discovery(false)
            .protocol("hold", Map.of())
            .environment(Map.of())
            .stateDirectory(stateDir)
            .task(holding)
            .build()) {
      System.exit(upkeep.apply().status().failed() ? 1 : 0);
    }
  }
}
