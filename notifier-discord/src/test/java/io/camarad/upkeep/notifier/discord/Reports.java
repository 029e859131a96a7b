package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Run reports for tests, as the engine would hand them over. */
final class Reports {
  static final Instant STARTED = Instant.parse("2026-12-03T03:00:00Z");
  static final String RUN_ID = "run-20261203-0300";

  private Reports() {}

  static TaskReport task(String id, TaskStatus status, String summary) {
    return new TaskReport(
        id, status, summary, List.of(), Duration.ofMillis(1_250), Map.of(), null, "test (1.0)");
  }

  static TaskReport task(String id, TaskStatus status, String summary, Map<String, Long> usage) {
    return new TaskReport(
        id, status, summary, List.of(), Duration.ofSeconds(12), usage, null, "test (1.0)");
  }

  static TaskReport failed(String id, String message) {
    return new TaskReport(
        id,
        TaskStatus.FAILED,
        "failed: " + message,
        List.of(),
        Duration.ofSeconds(3),
        Map.of(),
        new ErrorInfo("ServiceException", message, List.of()),
        "test (1.0)");
  }

  static RunReport report(RunStatus status, List<TaskReport> tasks) {
    return report("camarad-nightly", status, tasks, null);
  }

  static RunReport report(
      String protocol, RunStatus status, List<TaskReport> tasks, ErrorInfo error) {
    return new RunReport(
        RUN_ID,
        protocol,
        "web-1.example.net",
        RunMode.APPLY,
        status,
        STARTED,
        STARTED.plusSeconds(252),
        "0.1.0",
        tasks,
        error);
  }

  static RunStarted started() {
    return new RunStarted(
        RUN_ID,
        "camarad-nightly",
        "web-1.example.net",
        RunMode.APPLY,
        STARTED,
        List.of("mongo", "pinecone", "jwt", "sitemap"));
  }

  /** A run where every bundled task did something, and none failed. */
  static RunReport succeeded() {
    return report(
        RunStatus.SUCCEEDED,
        List.of(
            task("mongo", TaskStatus.APPLIED, "loaded 6512 pages", Map.of("inserted", 6512L)),
            task(
                "pinecone",
                TaskStatus.APPLIED,
                "embedded 631 pages, deleted 9",
                Map.of("embedded", 631L, "deleted", 9L)),
            task("jwt", TaskStatus.UP_TO_DATE, "next rotation in 12 days"),
            task("sitemap", TaskStatus.APPLIED, "wrote 2 sitemap files, purged 640 URLs")));
  }

  /** A run where Pinecone failed and the sitemap, which depends on it, did not run. */
  static RunReport failedRun() {
    return report(
        RunStatus.FAILED,
        List.of(
            task("mongo", TaskStatus.APPLIED, "loaded 6512 pages"),
            failed("pinecone", "pinecone: upsert refused: HTTP 400 (dimension mismatch)"),
            task("jwt", TaskStatus.UP_TO_DATE, "next rotation in 12 days"),
            task("sitemap", TaskStatus.NOT_RUN, "not run: pinecone failed")));
  }
}
