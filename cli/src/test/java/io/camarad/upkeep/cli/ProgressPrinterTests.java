package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTests {
  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final ProgressPrinter printer =
      new ProgressPrinter(
          new PrintWriter(text),
          Palette.plain(),
          Duration.ofMillis(500),
          nanos::get,
          started -> List.of());

  @Test
  void prefixesEveryLineWithTheTaskId() {
    printer.taskStarted("mongo", RunMode.APPLY);
    printer.taskProgress("mongo", "seeding pages 3000/6504");
    printer.taskFinished(Reports.task("mongo", TaskStatus.APPLIED, "inserted 6504 pages"));

    assertThat(text.toString().lines())
        .containsExactly(
            "[mongo] started",
            "[mongo] seeding pages 3000/6504",
            "[mongo] applied in 1.5s: inserted 6504 pages");
  }

  @Test
  void saysTheStatusOnceWhenTheSummaryRepeatsIt() {
    printer.taskFinished(
        Reports.task(
            "jwt", TaskStatus.UP_TO_DATE, "up to date: inputs unchanged since the last success"));
    printer.taskFinished(Reports.task("sitemap", TaskStatus.UP_TO_DATE, "up to date"));

    assertThat(text.toString().lines())
        .containsExactly(
            "[jwt] up to date in 1.5s: inputs unchanged since the last success",
            "[sitemap] up to date in 1.5s");
  }

  @Test
  void throttlesProgressOfOneTaskButNotOfAnother() {
    printer.taskProgress("mongo", "seeding pages 1000/6504");
    nanos.addAndGet(Duration.ofMillis(100).toNanos());
    printer.taskProgress("mongo", "seeding pages 2000/6504");
    printer.taskProgress("jwt", "generating key");
    nanos.addAndGet(Duration.ofMillis(450).toNanos());
    printer.taskProgress("mongo", "seeding pages 3000/6504");

    assertThat(text.toString().lines())
        .containsExactly(
            "[mongo] seeding pages 1000/6504",
            "[jwt] generating key",
            "[mongo] seeding pages 3000/6504");
  }
}
