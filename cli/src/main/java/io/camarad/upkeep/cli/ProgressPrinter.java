package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.core.RunListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Prints {@code [task] line} progress while tasks run. Progress lines of one task are throttled to
 * one per {@link #interval}; start and end lines always print. Called from the engine's task
 * threads, so every method is synchronized and flushes.
 */
final class ProgressPrinter implements RunListener {
  static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

  private final PrintWriter out;
  private final Palette palette;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final Function<RunStarted, List<String>> prologue;
  private final Map<String, Long> lastProgress = new HashMap<>();

  ProgressPrinter(
      PrintWriter out,
      Palette palette,
      Duration interval,
      LongSupplier nanoTime,
      Function<RunStarted, List<String>> prologue) {
    this.out = out;
    this.palette = palette;
    this.interval = interval;
    this.nanoTime = nanoTime;
    this.prologue = prologue;
  }

  /** A printer with the default throttle and no prologue. */
  static ProgressPrinter to(PrintWriter out, Palette palette) {
    return new ProgressPrinter(out, palette, DEFAULT_INTERVAL, System::nanoTime, s -> List.of());
  }

  @Override
  public synchronized void runStarted(RunStarted started) {
    prologue.apply(started).forEach(out::println);
    out.flush();
  }

  @Override
  public synchronized void taskStarted(String taskId, RunMode mode) {
    print(taskId, mode == RunMode.APPLY ? "started" : "planning");
  }

  @Override
  public synchronized void taskProgress(String taskId, String line) {
    long now = nanoTime.getAsLong();
    Long last = lastProgress.get(taskId);
    if (last != null && now - last < interval.toNanos()) {
      return;
    }
    lastProgress.put(taskId, now);
    print(taskId, line);
  }

  @Override
  public synchronized void taskFinished(TaskReport report) {
    lastProgress.remove(report.taskId());
    String status = palette.status(report.status(), Labels.of(report.status()));
    String summary = Labels.summaryAfterStatus(report);
    print(
        report.taskId(),
        status
            + " in "
            + Durations.format(report.duration())
            + (summary.isEmpty() ? "" : ": " + summary));
  }

  @Override
  public synchronized void runFinished(RunReport report) {
    out.flush();
  }

  private void print(String taskId, String line) {
    out.println(palette.dim("[" + taskId + "]") + " " + line);
    out.flush();
  }
}
