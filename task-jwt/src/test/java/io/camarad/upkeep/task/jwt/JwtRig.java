package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.testkit.DirectContext;
import io.camarad.upkeep.testkit.MutableClock;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the task through the test kit's {@link TaskHarness} (the engine's plan, due rule, apply and
 * undo after a failure), with the protocol's layout under {@code root}: state in {@code
 * root/.upkeep}, relative paths against {@code root}. Settings, environment and resources may
 * change between runs; state, clock and captured log lines are kept across them. A crash (apply
 * throwing with no undo after it) goes through the kit's direct context.
 */
final class JwtRig {
  /**
   * Three quick attempts per call, and no circuit breaker: these tests count calls and undo work
   * against one dead endpoint, which the default breaker (open at 50% of 10 calls) would cut short.
   */
  private static final ServicePolicy SERVICES =
      ServicePolicy.fast()
          .withMaxAttempts(3)
          .withCircuitBreaker(100, 1000, java.time.Duration.ofSeconds(1));

  final Path root;
  final MutableClock clock;
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final Map<String, Object> resources = new HashMap<>();
  final List<String> errors = new ArrayList<>();
  private final List<String> logs = new ArrayList<>();
  private JwtTask task = new JwtTask();

  /** What a run did; {@code usage} holds its usage counters and outcome counts. */
  record Run(
      String runId,
      TaskPlan plan,
      boolean applied,
      TaskOutcome outcome,
      Throwable error,
      Map<String, Long> usage) {}

  JwtRig(Path root, Instant start) {
    this.root = root;
    this.clock = MutableClock.at(start);
  }

  JwtRig checkpoint(RingApplier.Checkpoint checkpoint) {
    this.task = new JwtTask(checkpoint);
    return this;
  }

  JwtRig set(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  Path dataDirectory() {
    return root.resolve(".upkeep/tasks/jwt");
  }

  /**
   * A harness on the current settings. Invalid settings throw the task's own {@link
   * SettingsException} when its validate refused them.
   */
  private TaskHarness harness() throws SettingsException {
    TaskHarness.Builder builder =
        TaskHarness.forTask(task)
            .settings(settings)
            .environment(environment)
            .clock(clock)
            .baseDirectory(root)
            .stateDirectory(root.resolve(".upkeep"))
            .service(HttpTarget.SERVICE, SERVICES)
            .service(GoogleTokenSource.SERVICE, SERVICES);
    resources.forEach(builder::resource);
    try {
      return builder.build();
    } catch (SettingsProblemsException e) {
      if (e.getCause() instanceof SettingsException refused) {
        throw refused;
      }
      throw e;
    }
  }

  TaskPlan plan() throws Exception {
    TaskHarness harness = harness();
    try {
      return harness.plan();
    } finally {
      logs.addAll(harness.logs());
    }
  }

  /** Plans, applies when due, undoes after a failure: as the engine does. */
  Run apply() throws Exception {
    TaskHarness harness = harness();
    RunResult result = harness.apply();
    logs.addAll(harness.logs());
    result.error().ifPresent(this::recordError);
    boolean applied = result.plan() != null && result.status() != TaskStatus.UP_TO_DATE;
    TaskOutcome outcome = result.status() == TaskStatus.APPLIED ? result.outcome() : null;
    return new Run(
        result.runId(),
        result.plan(),
        applied,
        outcome,
        result.error().orElse(null),
        result.usage());
  }

  private void recordError(Throwable error) {
    errors.add(error.toString());
    for (Throwable suppressed : error.getSuppressed()) {
      errors.add(suppressed.toString());
    }
  }

  /** Applies with a crash: the exception escapes and no undo runs, as when a process dies. */
  void applyAndCrash() throws Exception {
    TaskHarness harness = harness();
    TaskPlan plan = harness.plan();
    try (DirectContext context = harness.context(RunMode.APPLY)) {
      task.apply(context, plan);
    } catch (Exception expected) {
      return;
    } finally {
      logs.addAll(harness.logs());
    }
    throw new AssertionError("the run was expected to crash");
  }

  /** Undoes the last applied run, as the engine compensates when a later task fails. */
  void compensate(Run run) throws Exception {
    TaskHarness harness = harness();
    try {
      harness.undo(UndoReason.COMPENSATE);
    } finally {
      logs.addAll(harness.logs());
    }
  }

  io.camarad.upkeep.api.Health health() {
    TaskHarness harness;
    try {
      harness = harness();
    } catch (SettingsException e) {
      throw new IllegalStateException("settings refused: " + e.getMessage(), e);
    }
    try (DirectContext context = harness.context(RunMode.PLAN)) {
      return task.health(context);
    } finally {
      logs.addAll(harness.logs());
    }
  }

  /** The task's persisted state values. */
  Map<String, String> state() throws Exception {
    return harness().state();
  }

  /** The ring in the file store, read with the configured key-encryption key if any. */
  KeyRing ring() throws Exception {
    try (DirectContext context = harness().context(RunMode.PLAN)) {
      return TaskSetup.open(context, new okhttp3.OkHttpClient())
          .store()
          .load()
          .orElse(KeyRing.EMPTY);
    }
  }

  static KeyEncryption encryption(String kek) throws SettingsException {
    return KeyEncryption.fromSecret("keyEncryptionKey", Secret.of("K", kek));
  }

  Optional<String> read(String relative) throws Exception {
    Path file = root.resolve(relative);
    return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
  }

  /** Every captured log line, with the messages of logged exceptions. */
  List<String> logLines() {
    return List.copyOf(logs);
  }
}
