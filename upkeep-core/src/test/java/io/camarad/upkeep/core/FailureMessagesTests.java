package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.testkit.FakeTask;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FailureMessagesTests {
  @TempDir Path stateDir;
  @RegisterExtension LogCapture logs = new LogCapture();

  /** Like a MongoDB duplicate-key error: a document and the server's JSON answer, ~3 KB. */
  private static String hugeMessage() {
    StringBuilder m =
        new StringBuilder(
            "Write operation error on server localhost:27017."
                + " Write error: WriteError{code=11000, message='E11000 duplicate key error"
                + " collection: camarad.pages index: _id_ dup key: { _id: \"common/tar\" }',"
                + " details={}}.\n{\"ok\": 0, \"document\": {");
    for (int i = 0; i < 60; i++) {
      m.append("\"field")
          .append(i)
          .append("\": \"a value of some length ")
          .append(i)
          .append("\",\n");
    }
    return m.append("\"end\": \"THE-VERY-END\"}}").toString();
  }

  @Test
  void aHugeFailureIsShortInTheSummaryAndTheLogButWholeInTheErrorAndAudit() throws Exception {
    String huge = hugeMessage();
    FakeTask bad =
        FakeTasks.succeeding("bad")
            .onApply(
                ctx -> {
                  throw new IllegalStateException(huge);
                });

    try (Upkeep upkeep = engine(stateDir, bad).build()) {
      RunReport report = upkeep.apply();

      TaskReport task = report.task("bad").orElseThrow();
      assertThat(huge.length()).isGreaterThan(2_500);
      assertThat(task.summary())
          .hasSizeLessThanOrEqualTo(300)
          .doesNotContain("\n")
          .endsWith("…")
          .startsWith("failed")
          .contains("E11000")
          .doesNotContain("THE-VERY-END");
      assertThat(task.error().message()).contains("THE-VERY-END").contains("\n");
      assertThat(report.error().message()).contains("THE-VERY-END");
      assertThat(Files.readString(stateDir.resolve("audit.log"))).contains("THE-VERY-END");
    }
    assertThat(logs.lines("ERROR"))
        .filteredOn(l -> l.contains("Task bad failed"))
        .singleElement()
        .satisfies(
            line -> assertThat(line).doesNotContain("\n").hasSizeLessThan(500).contains("E11000"));
    assertThat(logs.lines("ERROR"))
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain("THE-VERY-END")
                    .doesNotContain("\tat ")
                    .doesNotContain("\n"));
    assertThat(logs.lines("DEBUG"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("Task bad")
                    .contains("THE-VERY-END")
                    .contains("FakeTask"));
  }

  @Test
  void aShortFailureIsKeptAsItIs() throws Exception {
    try (Upkeep upkeep = engine(stateDir, FakeTasks.failing("bad")).build()) {
      TaskReport task = upkeep.apply().task("bad").orElseThrow();

      assertThat(task.summary()).doesNotContain("…").contains(task.error().message());
    }
  }
}
