package io.camarad.upkeep.core;

import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process for {@link CrashRecoveryTests}: applies tasks {@code a} then {@code b} on the
 * state directory given, and halts the JVM (as a kill would: no shutdown hooks, no finally blocks)
 * in the middle of {@code b}'s apply.
 */
public final class CrashingRun {
  private CrashingRun() {}

  public static void main(String[] args) throws Exception {
    Path stateDir = Path.of(args[0]);
    FakeTask a = FakeTasks.succeeding("a");
    FakeTask b =
        FakeTasks.succeeding("b", "a")
            .onApply(
                ctx -> {
                  ctx.state().put("half", "written");
                  Runtime.getRuntime().halt(137);
                });
    try (Upkeep upkeep =
        Upkeep.builder()
            .discovery(false)
            .protocol("crash", Map.of())
            .environment(Map.of())
            .stateDirectory(stateDir)
            .task(a)
            .task(b)
            .build()) {
      upkeep.apply();
    }
  }
}
