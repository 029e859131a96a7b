package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.Reversibility;
import java.time.Duration;

/**
 * Fake tasks for tests: one that succeeds, one that fails, one that is slow, one that cannot be
 * undone. Each is a {@link FakeTask} that can be configured further.
 *
 * <pre>{@code
 * FakeTask a = FakeTasks.succeeding("a");
 * FakeTask b = FakeTasks.failing("b", "a");          // depends on a
 * FakeTask c = FakeTasks.slow("c", Duration.ofSeconds(5));
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeTasks {
  private FakeTasks() {}

  /** A task that plans changes until its input was applied, and applies them. */
  public static FakeTask succeeding(String id, String... dependsOn) {
    return new FakeTask(id, dependsOn);
  }

  /** A task whose apply always fails after leaving partial work (it can undo it). */
  public static FakeTask failing(String id, String... dependsOn) {
    return new FakeTask(id, dependsOn).failAlways();
  }

  /** A task whose apply takes {@code duration}, stopping early when cancelled. */
  public static FakeTask slow(String id, Duration duration, String... dependsOn) {
    return new FakeTask(id, dependsOn).slow(duration);
  }

  /** A task that succeeds but can undo nothing ({@link Reversibility#NONE}). */
  public static FakeTask irreversible(String id, String... dependsOn) {
    return new FakeTask(id, dependsOn).reversibility(Reversibility.NONE);
  }
}
