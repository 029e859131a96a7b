package io.camarad.upkeep.task.sitemap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs the sitemap task the way the engine does: validate, plan, apply when there is work,
 * undo after a failed apply; state carried from run to run; log lines captured.
 */
final class TaskDriver {
  final SitemapTask task;
  final Path dataDirectory;
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final Map<String, Object> resources = new HashMap<>();
  final Map<String, String> state = new HashMap<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final java.util.concurrent.atomic.AtomicInteger RUNS =
      new java.util.concurrent.atomic.AtomicInteger();
  private int runs;
  TestContext last;

  TaskDriver(SitemapTask task, Path dataDirectory) {
    this.task = task;
    this.dataDirectory = dataDirectory;
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  TestContext context(RunMode mode) throws Exception {
    TestSettings bound = new TestSettings("tasks.sitemap", settings, task.settingsSpec(),
        environment);
    task.validate(bound);
    last = new TestContext("run-" + runs, mode, bound, state, dataDirectory, resources,
        environment);
    return last;
  }

  TaskPlan plan() throws Exception {
    runs = RUNS.incrementAndGet();
    return task.plan(context(RunMode.PLAN));
  }

  /** Plans, then applies when the plan has work. */
  Result apply() throws Exception {
    runs = RUNS.incrementAndGet();
    TaskPlan plan = task.plan(context(RunMode.PLAN));
    TestContext context = context(RunMode.APPLY);
    if (!plan.hasWork()) {
      return new Result(plan, null, null, context);
    }
    try {
      return new Result(plan, task.apply(context, plan), null, context);
    } catch (Exception e) {
      task.undo(context, UndoReason.FAILED);
      return new Result(plan, null, e, context);
    }
  }

  /** Compensates the last apply, in the same run. */
  void compensate() throws Exception {
    TestContext context = new TestContext(last.runId(), RunMode.APPLY, last.settings(), state,
        dataDirectory, resources, environment);
    task.undo(context, UndoReason.COMPENSATE);
  }

  List<String> logLines() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  /** What one run did. */
  record Result(TaskPlan plan, TaskOutcome outcome, Exception error, TestContext context) {}
}
