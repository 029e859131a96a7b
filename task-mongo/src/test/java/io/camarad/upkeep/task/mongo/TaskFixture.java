package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the mongo task against a database with given settings, the way the engine calls it. */
final class TaskFixture {
  private final MongoTask task;
  private final MongoDatabase database;
  private final Path directory;
  private Map<String, ?> settings;
  private Clock clock = Clock.systemUTC();
  private java.util.OptionalLong fencingToken = java.util.OptionalLong.empty();

  TaskFixture(MongoTask task, MongoDatabase database, Path directory, Map<String, ?> settings) {
    this.task = task;
    this.database = database;
    this.directory = directory;
    this.settings = settings;
  }

  TaskFixture settings(Map<String, ?> newSettings) {
    this.settings = newSettings;
    return this;
  }

  TaskFixture clock(Clock newClock) {
    this.clock = newClock;
    return this;
  }

  TaskFixture fencingToken(long token) {
    this.fencingToken = java.util.OptionalLong.of(token);
    return this;
  }

  Path dataDirectory() {
    return directory.resolve("data");
  }

  TestTaskContext context(String runId, RunMode mode) throws Exception {
    TestSettings validated = TestSettings.of(settings, task.settingsSpec(), directory);
    task.validate(validated);
    TestTaskContext context =
        new TestTaskContext(
            runId, mode, validated, dataDirectory(), clock, Map.of("mongo", database));
    context.fencing = fencingToken;
    return context;
  }

  TaskPlan plan() throws Exception {
    return task.plan(context("plan", RunMode.PLAN));
  }

  TaskOutcome apply(String runId) throws Exception {
    TestTaskContext context = context(runId, RunMode.APPLY);
    return task.apply(context, task.plan(context));
  }

  void undo(String runId) throws Exception {
    task.undo(context(runId, RunMode.APPLY), UndoReason.FAILED);
  }
}
