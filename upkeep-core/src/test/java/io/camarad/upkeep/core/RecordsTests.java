package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static io.camarad.upkeep.core.Fixtures.protocol;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsTests {
  @TempDir Path stateDir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void applyWritesTheReportTheAuditLogAndEachTasksState() throws Exception {
    try (Upkeep upkeep =
        engine(stateDir, FakeTasks.succeeding("a"), FakeTasks.failing("b")).build()) {
      RunReport report = upkeep.apply();

      Path history = stateDir.resolve("runs").resolve(report.runId() + ".json");
      JsonNode saved = json.readTree(history.toFile());
      assertThat(saved.get("status").asText()).isEqualTo("FAILED");
      assertThat(saved.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      List<String> audit = Files.readAllLines(stateDir.resolve("audit.log"));
      assertThat(audit)
          .allSatisfy(
              line ->
                  assertThat(json.readTree(line).get("runId").asText()).isEqualTo(report.runId()));
      assertThat(audit)
          .extracting(line -> json.readTree(line).get("event").asText())
          .containsExactly("run-started", "task-finished", "task-finished", "run-finished");
      JsonNode stateA = json.readTree(stateDir.resolve("state/a.json").toFile());
      assertThat(stateA.get("values").get("applied").asText()).isEqualTo("v1");
      assertThat(stateA.get("lastRunId").asText()).isEqualTo(report.runId());
      JsonNode stateB = json.readTree(stateDir.resolve("state/b.json").toFile());
      assertThat(stateB.get("lastSuccess").isNull()).isTrue();
      assertThat(stateDir.resolve("tasks/a")).isDirectory();
      RunReport read = upkeep.history(1).get(0);
      assertThat(read.error().message()).contains("task 'b'");
      assertThat(read.task("b").orElseThrow().status())
          .isEqualTo(io.camarad.upkeep.api.TaskStatus.FAILED_UNDONE);
      assertThat(read.startedAt()).isEqualTo(report.startedAt());
    }
  }

  @Test
  void theAuditLogStampsEachTaskWhenItFinishes() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T03:00:00Z");
    FakeTask a = FakeTasks.succeeding("a").onApply(ctx -> clock.advance(Duration.ofMinutes(10)));
    FakeTask b =
        FakeTasks.succeeding("b", "a").onApply(ctx -> clock.advance(Duration.ofMinutes(20)));
    try (Upkeep upkeep = engine(stateDir, a, b).clock(clock).build()) {
      upkeep.apply();
    }

    Map<String, String> times = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(stateDir.resolve("audit.log"))) {
      JsonNode event = json.readTree(line);
      String key =
          event.get("event").asText() + (event.has("task") ? ":" + event.get("task").asText() : "");
      times.put(key, event.get("time").asText());
    }
    assertThat(times)
        .containsExactly(
            Map.entry("run-started", "2026-03-01T03:00:00Z"),
            Map.entry("task-finished:a", "2026-03-01T03:10:00Z"),
            Map.entry("task-finished:b", "2026-03-01T03:30:00Z"),
            Map.entry("run-finished", "2026-03-01T03:30:00Z"));
  }

  @Test
  void historyKeepsTheNewestRunsAndTheAuditLogRotates() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T03:00:00Z");
    Map<String, Object> protocol =
        protocol("history", Map.of("keep", 3, "auditMaxSize", "1KB", "auditFiles", 2));
    List<String> runIds = new java.util.ArrayList<>();
    try (Upkeep upkeep =
        engine(stateDir, protocol, FakeTasks.succeeding("a"), FakeTasks.succeeding("b"))
            .clock(clock)
            .build()) {
      for (int i = 0; i < 8; i++) {
        runIds.add(upkeep.apply().runId());
        clock.advance(Duration.ofMinutes(1));
      }

      assertThat(upkeep.history(10))
          .extracting(RunReport::runId)
          .containsExactly(runIds.get(7), runIds.get(6), runIds.get(5));
    }
    try (var runs = Files.list(stateDir.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              runIds.get(5) + ".json", runIds.get(6) + ".json", runIds.get(7) + ".json");
    }
    Path audit = stateDir.resolve("audit.log");
    assertThat(stateDir.resolve("audit.log.1")).isRegularFile();
    assertThat(stateDir.resolve("audit.log.2")).isRegularFile();
    assertThat(stateDir.resolve("audit.log.3")).doesNotExist();
    for (Path file : List.of(audit, stateDir.resolve("audit.log.1"))) {
      assertThat(Files.size(file)).isLessThan(1024 + 600);
    }
    List<String> newest = Files.readAllLines(audit);
    assertThat(newest.get(newest.size() - 1)).contains(runIds.get(7)).contains("run-finished");
    List<String> older = Files.readAllLines(stateDir.resolve("audit.log.1"));
    assertThat(older.get(older.size() - 1)).doesNotContain(runIds.get(7));
  }

  @Test
  void badRetentionSettingsAreConfigurationProblems() {
    Map<String, Object> protocol =
        protocol("history", Map.of("keep", 0, "auditMaxSize", "lots", "auditFiles", -1));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine(stateDir, protocol, FakeTasks.succeeding("a")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.path())
                    .containsExactlyInAnyOrder(
                        "history.keep", "history.auditMaxSize", "history.auditFiles"));
  }

  @Test
  void historyReturnsReportsNewestFirst() throws Exception {
    FakeTask a = FakeTasks.succeeding("a");
    try (Upkeep upkeep = engine(stateDir, a).build()) {
      RunReport first = upkeep.apply();
      a.input("v2");
      RunReport second = upkeep.apply();

      List<RunReport> history = upkeep.history(10);

      assertThat(history)
          .extracting(RunReport::runId)
          .containsExactly(second.runId(), first.runId());
      assertThat(history.get(0).task("a").orElseThrow().summary()).isEqualTo("applied input v2");
      assertThat(upkeep.history(1)).hasSize(1);
    }
  }

  @Test
  void metricsTextfileKeepsTheLastSuccessOfATaskThatFailsLater() throws Exception {
    MutableClock clock = MutableClock.at("2026-12-01T03:00:00Z");
    Path prom = stateDir.resolve("metrics/upkeep.prom");
    FakeTask a = FakeTasks.succeeding("a");
    Map<String, Object> protocol = protocol("metrics", Map.of("textfile", prom.toString()));
    try (Upkeep upkeep = engine(stateDir, protocol, a).clock(clock).build()) {
      upkeep.apply();
      clock.advance(Duration.ofDays(1));
      a.input("v2").failAlways();

      RunReport failed = upkeep.apply();

      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      String text = Files.readString(prom);
      assertThat(text)
          .contains("upkeep_task_last_success_timestamp_seconds{task=\"a\"} 1.796094E9")
          .contains("upkeep_run_last_success_timestamp_seconds 1.796094E9")
          .contains("upkeep_task_status{status=\"FAILED_UNDONE\",task=\"a\"} 1.0")
          .contains("upkeep_run_status{status=\"FAILED\"} 1.0")
          .contains("upkeep_task_duration_seconds{task=\"a\"}")
          .contains("upkeep_task_usage_total{name=\"units_written\",task=\"a\"} 1.0");
      assertThat(prom.resolveSibling("upkeep.prom.tmp")).doesNotExist();
    }
  }

  @Test
  void usageCountersAddUpAcrossRuns() throws Exception {
    Path prom = stateDir.resolve("upkeep.prom");
    FakeTask a = FakeTasks.succeeding("a");
    Map<String, Object> protocol = protocol("metrics", Map.of("textfile", prom.toString()));
    try (Upkeep upkeep = engine(stateDir, protocol, a).build()) {
      upkeep.apply();
      a.input("v2");
      upkeep.apply();

      assertThat(Files.readString(prom))
          .contains("upkeep_task_usage_total{name=\"applied\",task=\"a\"} 2.0");
    }
  }
}
