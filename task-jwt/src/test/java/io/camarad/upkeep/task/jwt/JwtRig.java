package io.camarad.upkeep.task.jwt;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.testkit.MutableClock;
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
 * Runs the task the way the engine does (plan, apply when due, undo after a failure), with state,
 * data directory and clock kept across runs, and the task's log lines captured.
 */
final class JwtRig {
  final Path root;
  final MutableClock clock;
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final Map<String, Object> resources = new HashMap<>();
  final Map<String, String> state = new HashMap<>();
  final List<String> errors = new ArrayList<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Map<String, String> lastFingerprints = Map.of();
  private JwtTask task = new JwtTask();
  private int runs;
  TestContext lastContext;

  /** What a run did. */
  record Run(String runId, TaskPlan plan, boolean applied, TaskOutcome outcome, Exception error) {}

  JwtRig(Path root, Instant start) {
    this.root = root;
    this.clock = MutableClock.at(start);
    appender.start();
    ((Logger) TestContext.LOGGER).addAppender(appender);
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

  TestContext context(RunMode mode, String runId) {
    TestSettings typed =
        new TestSettings("tasks.jwt", settings, task.settingsSpec(), environment, root);
    lastContext = new TestContext(runId, mode, typed, state, dataDirectory(), clock, resources);
    return lastContext;
  }

  TaskPlan plan() throws Exception {
    TestContext context = context(RunMode.PLAN, "plan-" + runs);
    task.validate(context.settings());
    return task.plan(context);
  }

  /** Plans, applies when due (changes, or fingerprints unlike the last success), undoes. */
  Run apply() throws Exception {
    String runId = "run-" + ++runs;
    TaskPlan plan = plan();
    if (!plan.hasWork() && plan.fingerprints().equals(lastFingerprints)) {
      return new Run(runId, plan, false, null, null);
    }
    Files.createDirectories(dataDirectory());
    try {
      TaskOutcome outcome = task.apply(context(RunMode.APPLY, runId), plan);
      lastFingerprints = plan.fingerprints();
      return new Run(runId, plan, true, outcome, null);
    } catch (Exception e) {
      errors.add(e.toString());
      try {
        task.undo(context(RunMode.APPLY, runId), UndoReason.FAILED);
      } catch (Exception undoFailure) {
        errors.add(undoFailure.toString());
        e.addSuppressed(undoFailure);
      }
      return new Run(runId, plan, true, null, e);
    }
  }

  /** Applies with a crash: the exception escapes and no undo runs, as when a process dies. */
  void applyAndCrash() {
    String runId = "run-" + ++runs;
    try {
      Files.createDirectories(dataDirectory());
      task.apply(context(RunMode.APPLY, runId), plan());
    } catch (Exception expected) {
      return;
    }
    throw new AssertionError("the run was expected to crash");
  }

  void compensate(Run run) throws Exception {
    task.undo(context(RunMode.APPLY, run.runId()), UndoReason.COMPENSATE);
  }

  io.camarad.upkeep.api.Health health() {
    return task.health(context(RunMode.PLAN, "health"));
  }

  /** The ring in the file store, read with the configured key-encryption key if any. */
  KeyRing ring() throws Exception {
    TaskContext context = context(RunMode.PLAN, "inspect");
    return TaskSetup.open(context, new okhttp3.OkHttpClient()).store().load().orElse(KeyRing.EMPTY);
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
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getMessage());
      }
    }
    return lines;
  }
}
