package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A configurable task for engine and plugin tests, made with {@link FakeTasks}. It plans changes
 * while its {@link #input(String) input} differs from the fingerprint of its last success, records
 * what it did in its state, counts every call, and can fail, be slow, refuse to be undone, or run a
 * hook inside apply.
 *
 * <p>Configure it before the run; the counters are thread-safe.
 *
 * @since 0.1
 */
public final class FakeTask implements UpkeepTask {
  /** Code run inside apply, before the task's own behaviour. */
  @FunctionalInterface
  public interface ApplyHook {
    void run(TaskContext context) throws Exception;
  }

  private final String id;
  private final Set<String> dependsOn;
  private volatile String input = "v1";
  private volatile int failuresLeft;
  private volatile boolean failOnUndo;
  private volatile Duration slowFor = Duration.ZERO;
  private volatile Reversibility reversibility = Reversibility.FULL;
  private volatile boolean idempotent;
  private volatile boolean unpredictable;
  private volatile boolean failPlanning;
  private volatile SettingsSpec spec = SettingsSpec.empty();
  private volatile ApplyHook hook = context -> {};
  private volatile String failureMessage;
  private volatile List<String> journal = new CopyOnWriteArrayList<>();
  private final AtomicInteger plans = new AtomicInteger();
  private final AtomicInteger applies = new AtomicInteger();
  private final AtomicInteger undos = new AtomicInteger();
  private final AtomicInteger compensations = new AtomicInteger();

  FakeTask(String id, String... dependsOn) {
    this.id = id;
    this.dependsOn = new LinkedHashSet<>(List.of(dependsOn));
    this.failureMessage = "fake task '" + id + "' failed on purpose";
  }

  /** Sets the input whose fingerprint decides whether the task is due. */
  public FakeTask input(String value) {
    this.input = value;
    return this;
  }

  /** Fails the next {@code times} applies, then succeeds. */
  public FakeTask failTimes(int times) {
    this.failuresLeft = times;
    return this;
  }

  /** Fails every apply from now on. */
  public FakeTask failAlways() {
    return failTimes(Integer.MAX_VALUE);
  }

  /** The message of the failure thrown by apply (tests plant secrets in it). */
  public FakeTask failureMessage(String message) {
    this.failureMessage = message;
    return this;
  }

  /** Makes undo throw. */
  public FakeTask failOnUndo() {
    this.failOnUndo = true;
    return this;
  }

  /** Makes apply take {@code duration} of real time, stopping early when cancelled. */
  public FakeTask slow(Duration duration) {
    this.slowFor = duration;
    return this;
  }

  public FakeTask reversibility(Reversibility value) {
    this.reversibility = value;
    return this;
  }

  public FakeTask idempotent(boolean value) {
    this.idempotent = value;
    return this;
  }

  /** Plans {@link TaskPlan.Kind#UNPREDICTABLE} instead of changes. */
  public FakeTask unpredictable() {
    this.unpredictable = true;
    return this;
  }

  /** Makes plan throw. */
  public FakeTask failPlanning() {
    this.failPlanning = true;
    return this;
  }

  public FakeTask settingsSpec(SettingsSpec value) {
    this.spec = value;
    return this;
  }

  /** Runs {@code value} at the start of every apply. */
  public FakeTask onApply(ApplyHook value) {
    this.hook = value;
    return this;
  }

  /**
   * Appends "plan:id", "apply:id", "undo:id:REASON" to {@code events} (use a synchronized or
   * concurrent list, tasks run in parallel).
   */
  public FakeTask recordingTo(List<String> events) {
    this.journal = events;
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.copyOf(dependsOn);
  }

  @Override
  public String description() {
    return "fake task for tests";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return spec;
  }

  @Override
  public Reversibility reversibility() {
    return reversibility;
  }

  @Override
  public boolean idempotent() {
    return idempotent;
  }

  @Override
  public TaskPlan plan(TaskContext context) {
    plans.incrementAndGet();
    journal.add("plan:" + id);
    if (failPlanning) {
      throw new IllegalStateException("fake task '" + id + "' cannot plan on purpose");
    }
    Map<String, String> fingerprints = Map.of("input", input);
    if (unpredictable) {
      return TaskPlan.unpredictable("cannot tell what '" + id + "' would change", fingerprints);
    }
    if (context.state().lastFingerprints().equals(fingerprints)) {
      return TaskPlan.upToDate("up to date: input " + input + " unchanged", fingerprints);
    }
    return TaskPlan.changes(
        "apply input " + input,
        List.of(new PlannedChange("apply", id, "input " + input)),
        fingerprints);
  }

  @Override
  public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
    applies.incrementAndGet();
    journal.add("apply:" + id);
    hook.run(context);
    context.state().put("partial", input);
    waitIfSlow(context);
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException(failureMessage);
    }
    context.state().remove("partial");
    context.state().put("applied", input);
    context.usage().increment("units_written");
    return new TaskOutcome("applied input " + input, Map.of("applied", 1L));
  }

  private void waitIfSlow(TaskContext context) throws CancelledException, InterruptedException {
    long until = System.nanoTime() + slowFor.toNanos();
    while (System.nanoTime() < until) {
      context.cancellation().throwIfCancelled();
      Thread.sleep(5);
    }
  }

  @Override
  public void undo(TaskContext context, UndoReason reason) throws Exception {
    undos.incrementAndGet();
    if (reason == UndoReason.COMPENSATE) {
      compensations.incrementAndGet();
    }
    journal.add("undo:" + id + ":" + reason);
    if (failOnUndo) {
      throw new IllegalStateException("fake task '" + id + "' failed to undo on purpose");
    }
    context.state().remove("partial");
    context.state().remove("applied");
  }

  @Override
  public Health health(TaskContext context) {
    return Health.up("fake task " + id);
  }

  /** Plans made. */
  public int plans() {
    return plans.get();
  }

  /** Applies started. */
  public int applies() {
    return applies.get();
  }

  /** Undos started, for either reason. */
  public int undos() {
    return undos.get();
  }

  /** Undos with {@link UndoReason#COMPENSATE}. */
  public int compensations() {
    return compensations.get();
  }

  @Override
  public String toString() {
    return "FakeTask[" + id + "]";
  }
}
