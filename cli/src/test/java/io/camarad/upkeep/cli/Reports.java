package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Run reports as the engine makes them, for rendering tests. */
final class Reports {
  static final Instant START = Instant.parse("2026-12-03T03:00:00Z");

  private Reports() {}

  static TaskReport task(String id, TaskStatus status, String summary) {
    return new TaskReport(
        id,
        status,
        summary,
        List.of(),
        Duration.ofMillis(1500),
        Map.of("api_calls", 3L),
        null,
        "task-" + id + ".jar (0.1.0)");
  }

  static TaskReport failed(String id, String message) {
    ErrorInfo error =
        new ErrorInfo("ServiceException", message, List.of())
            .attach(new ErrorInfo("IllegalStateException", "undo left 2 vectors", List.of()));
    return new TaskReport(
        id,
        TaskStatus.FAILED,
        "failed: " + message,
        List.of(),
        Duration.ofSeconds(2),
        Map.of(),
        error,
        "task-" + id + ".jar (0.1.0)");
  }

  /** A MongoDB-sized error: many lines, ~3 KB, and a summary cut as the engine cuts it. */
  static final String LONG_MESSAGE =
      "Command failed with error 11000 (DuplicateKey):"
          + " E11000 duplicate key error collection: camarad.pages index: _id_\n"
          + "  full response: "
          + "{ \"writeErrors\": [ ... ], \"ok\": 1.0 } ".repeat(80)
          + "\nTHE-TAIL-OF-THE-MESSAGE";

  static RunReport longFailureRun() {
    ErrorInfo error = new ErrorInfo("MongoWriteException", LONG_MESSAGE, List.of());
    TaskReport failed =
        new TaskReport(
            "mongo",
            TaskStatus.FAILED,
            "failed: " + LONG_MESSAGE,
            List.of(),
            Duration.ofSeconds(2),
            Map.of(),
            error,
            "task-mongo.jar (0.1.0)");
    return new RunReport(
        "r-20261203-0300-abcd",
        "camarad-nightly",
        "host-1",
        RunMode.APPLY,
        RunStatus.FAILED,
        START,
        START.plusSeconds(4),
        "0.1.0",
        List.of(failed),
        error);
  }

  static TaskReport due(String id, int changes) {
    List<PlannedChange> planned =
        java.util.stream.IntStream.range(0, changes)
            .mapToObj(i -> new PlannedChange("insert", "pages", "page " + i))
            .toList();
    return new TaskReport(
        id,
        TaskStatus.DUE,
        changes + " changes",
        planned,
        Duration.ofMillis(40),
        Map.of(),
        null,
        "task-" + id + ".jar (0.1.0)");
  }

  static RunReport run(RunMode mode, RunStatus status, TaskReport... tasks) {
    return new RunReport(
        "r-20261203-0300-abcd",
        "camarad-nightly",
        "host-1",
        mode,
        status,
        START,
        START.plusSeconds(4),
        "0.1.0",
        List.of(tasks),
        null);
  }

  static RunReport succeeded() {
    return run(
        RunMode.APPLY,
        RunStatus.SUCCEEDED,
        task("mongo", TaskStatus.APPLIED, "inserted 6504 pages"),
        task("jwt", TaskStatus.UP_TO_DATE, "up to date: key rotates in 20 days"),
        task("pinecone", TaskStatus.SKIPPED, "not configured: set PINECONE_API_KEY"));
  }

  static RunReport failedRun() {
    return run(
        RunMode.APPLY,
        RunStatus.FAILED,
        task("mongo", TaskStatus.APPLIED, "inserted 6504 pages"),
        failed("pinecone", "pinecone: HTTP 503"),
        task("sitemap", TaskStatus.NOT_RUN, "not run: depends on pinecone"));
  }
}
