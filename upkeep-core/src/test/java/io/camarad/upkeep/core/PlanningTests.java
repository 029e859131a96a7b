package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static io.camarad.upkeep.core.Fixtures.protocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanningTests {
  @TempDir Path stateDir;

  private static Map<String, TaskStatus> statuses(RunReport report) {
    Map<String, TaskStatus> statuses = new TreeMap<>();
    report.tasks().forEach(t -> statuses.put(t.taskId(), t.status()));
    return statuses;
  }

  /** Every path under {@code dir} with the SHA-256 of its content (directories marked). */
  private static Map<String, String> tree(Path dir) throws Exception {
    Map<String, String> tree = new TreeMap<>();
    if (!Files.exists(dir)) {
      return tree;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        String key = dir.relativize(p).toString();
        tree.put(
            key,
            Files.isDirectory(p)
                ? "dir"
                : sha256(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return tree;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void planWritesNothingInAFreshStateDirectory() throws Exception {
    Path fresh = stateDir.resolve("never-created");
    try (Upkeep upkeep = engine(fresh, FakeTasks.succeeding("a")).build()) {
      RunReport report = upkeep.plan();

      assertThat(report.status()).isEqualTo(RunStatus.PLANNED);
      assertThat(fresh).doesNotExist();
    }
  }

  @Test
  void planLeavesAnExistingStateDirectoryByteForByteUnchanged() throws Exception {
    FakeTask a = FakeTasks.succeeding("a");
    FakeTask b = FakeTasks.succeeding("b", "a");
    Map<String, Object> protocol =
        protocol("metrics", Map.of("textfile", stateDir.resolve("metrics/upkeep.prom").toString()));
    try (Upkeep upkeep = engine(stateDir, protocol, a, b).build()) {
      upkeep.apply();
      a.input("v2");
      Map<String, String> before = tree(stateDir);

      RunReport plan = upkeep.plan();

      assertThat(plan.status()).isEqualTo(RunStatus.PLANNED);
      assertThat(tree(stateDir)).isEqualTo(before);
      assertThat(upkeep.lockHolder()).isEmpty();
    }
  }

  @Test
  void nothingToDoIsEarnedByMatchingFingerprints() throws Exception {
    try (Upkeep upkeep = engine(stateDir, FakeTasks.succeeding("a")).build()) {
      assertThat(upkeep.plan().status()).isEqualTo(RunStatus.PLANNED);
      upkeep.apply();

      RunReport plan = upkeep.plan();

      assertThat(plan.status()).isEqualTo(RunStatus.NOTHING_TO_DO);
      assertThat(plan.task("a").orElseThrow().summary()).contains("up to date");
    }
  }

  @Test
  void changingOneInputMakesExactlyThatTaskAndItsDependentsDue() throws Exception {
    FakeTask mongo = FakeTasks.succeeding("mongo");
    FakeTask pinecone = FakeTasks.succeeding("pinecone", "mongo");
    FakeTask sitemap = FakeTasks.succeeding("sitemap", "pinecone");
    FakeTask jwt = FakeTasks.succeeding("jwt");
    try (Upkeep upkeep = engine(stateDir, mongo, pinecone, sitemap, jwt).build()) {
      upkeep.apply();
      mongo.input("v2");

      RunReport plan = upkeep.plan();

      assertThat(statuses(plan))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "mongo",
                  TaskStatus.DUE,
                  "pinecone",
                  TaskStatus.DUE,
                  "sitemap",
                  TaskStatus.DUE,
                  "jwt",
                  TaskStatus.UP_TO_DATE));
      assertThat(plan.task("pinecone").orElseThrow().summary())
          .contains("due because mongo is due");
      RunReport applied = upkeep.apply();
      assertThat(statuses(applied))
          .containsEntry("jwt", TaskStatus.UP_TO_DATE)
          .containsEntry("sitemap", TaskStatus.APPLIED);
      assertThat(jwt.applies()).isEqualTo(1);
    }
  }

  @Test
  void unpredictableTaskIsMarkedAndNeverShownAsSkipped() throws Exception {
    try (Upkeep upkeep = engine(stateDir, FakeTasks.succeeding("u").unpredictable()).build()) {
      TaskReport task = upkeep.plan().task("u").orElseThrow();

      assertThat(task.status()).isEqualTo(TaskStatus.UNPREDICTABLE);
      assertThat(task.summary()).contains("cannot tell");
    }
  }

  @Test
  void aTaskWhosePlanFailsFailsThePlanAndItsDependentsAreNotPlanned() throws Exception {
    FakeTask broken = FakeTasks.succeeding("broken").failPlanning();
    FakeTask after = FakeTasks.succeeding("after", "broken");
    try (Upkeep upkeep = engine(stateDir, broken, after).build()) {
      RunReport plan = upkeep.plan();

      assertThat(plan.status()).isEqualTo(RunStatus.FAILED);
      assertThat(statuses(plan))
          .containsEntry("broken", TaskStatus.FAILED)
          .containsEntry("after", TaskStatus.NOT_RUN);
      assertThat(after.plans()).isZero();
    }
  }

  @Test
  void savedPlanIsAppliedWhenNothingDrifted() throws Exception {
    Path saved = stateDir.resolveSibling(stateDir.getFileName() + "-plan.json");
    FakeTask a = FakeTasks.succeeding("a");
    try (Upkeep upkeep = engine(stateDir, a).build()) {
      upkeep.plan(saved);

      RunReport report = upkeep.applySaved(saved);

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(Files.readString(saved)).contains("\"fingerprints\"").contains("\"input\"");
    } finally {
      Files.deleteIfExists(saved);
    }
  }

  @Test
  void savedPlanIsRefusedWhenAnInputChangedAndNothingIsApplied() throws Exception {
    Path saved = stateDir.resolveSibling(stateDir.getFileName() + "-plan.json");
    FakeTask a = FakeTasks.succeeding("a");
    FakeTask b = FakeTasks.succeeding("b");
    try (Upkeep upkeep = engine(stateDir, a, b).build()) {
      upkeep.plan(saved);
      a.input("changed-after-planning");

      assertThatThrownBy(() -> upkeep.applySaved(saved))
          .isInstanceOfSatisfying(
              PlanDriftException.class,
              e -> {
                assertThat(e.drifts())
                    .anySatisfy(
                        d -> assertThat(d).contains("task 'a'").contains("input 'input' changed"));
                assertThat(e.drifts()).noneSatisfy(d -> assertThat(d).contains("task 'b'"));
              });
      assertThat(a.applies()).isZero();
      assertThat(b.applies()).isZero();
      assertThat(upkeep.lockHolder()).isEmpty();
    } finally {
      Files.deleteIfExists(saved);
    }
  }

  @Test
  void aMissingSavedPlanIsNamedWithTheCommandThatMakesOne() throws Exception {
    Path missing = stateDir.resolve("no-such-plan.json");
    FakeTask a = FakeTasks.succeeding("a");
    try (Upkeep upkeep = engine(stateDir, a).build()) {
      assertThatThrownBy(() -> upkeep.applySaved(missing))
          .isInstanceOf(EngineFailureException.class)
          .hasMessage(
              "saved plan "
                  + missing
                  + " not found; make one with 'camarad plan --save "
                  + missing
                  + "'");
    }
    assertThat(a.applies()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage \u0001 not json at all | not JSON: line 1",
        "{\"name\": \"a protocol\", \"tasks\": {}} | no protocol, runId",
        "[1, 2, 3] | JSON array, not an object",
        "'' | the file is empty",
        "{\"protocol\": \"p\", \"runId\": \"r\", \"tasks\": 5} | 'tasks' is not a list",
        "{\"protocol\": \"p\", \"runId\": \"r\", \"plannedAt\": \"yesterday\", \"tasks\": []}"
            + " | wrong kind"
      })
  void aFileThatIsNotASavedPlanIsToldWithoutParserInternals(String content, String reason)
      throws Exception {
    Path file = Files.writeString(stateDir.resolve("not-a-plan.json"), content);
    try (Upkeep upkeep = engine(stateDir, FakeTasks.succeeding("a")).build()) {
      assertThatThrownBy(() -> upkeep.applySaved(file))
          .isInstanceOf(EngineFailureException.class)
          .hasMessageStartingWith(file + " is not a saved plan of Upkeep (")
          .hasMessageContaining(reason)
          .hasMessageEndingWith("); make one with 'camarad plan --save " + file + "'")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain("jackson")
                      .doesNotContain("Exception")
                      .doesNotContain("Unrecognized token")
                      .doesNotContain("[Source")
                      .doesNotContain("\n"));
    }
  }

  @Test
  void planDoesNotApplyOrTakeTheLock() throws Exception {
    FakeTask a = FakeTasks.succeeding("a");
    try (Upkeep upkeep = engine(stateDir, a).build()) {
      upkeep.plan();
      upkeep.plan();

      assertThat(a.applies()).isZero();
      assertThat(a.plans()).isEqualTo(2);
      assertThat(upkeep.history(10)).isEmpty();
    }
  }

  @Test
  void reportListsTasksInRunOrder() throws Exception {
    try (Upkeep upkeep =
        engine(
                stateDir,
                FakeTasks.succeeding("c", "a"),
                FakeTasks.succeeding("b"),
                FakeTasks.succeeding("a"))
            .build()) {
      assertThat(upkeep.plan().tasks())
          .extracting(TaskReport::taskId)
          .isEqualTo(List.of("a", "b", "c"));
    }
  }
}
