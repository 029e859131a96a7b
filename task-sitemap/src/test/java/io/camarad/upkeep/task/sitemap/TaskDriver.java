package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskPlan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls the task directly, for the one path the test kit does not take: the engine applying a task
 * whose own plan is up to date because a task it depends on was due.
 */
final class TaskDriver {
  final SitemapTask task;
  final Path dataDirectory;
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final Map<String, String> state = new HashMap<>();
  private int runs;

  TaskDriver(SitemapTask task, Path dataDirectory) {
    this.task = task;
    this.dataDirectory = dataDirectory;
  }

  TestContext context(RunMode mode) throws Exception {
    TestSettings bound =
        new TestSettings("tasks.sitemap", settings, task.settingsSpec(), environment);
    task.validate(bound);
    return new TestContext(
        "driver-run-" + ++runs, mode, bound, state, dataDirectory, Map.of(), environment);
  }

  TaskPlan plan() throws Exception {
    return task.plan(context(RunMode.PLAN));
  }
}
