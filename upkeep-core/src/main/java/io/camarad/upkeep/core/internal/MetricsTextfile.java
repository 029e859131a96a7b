package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a run's metrics for node_exporter's textfile collector, in the Prometheus text format, to
 * a temporary file renamed over the target. Last-success times come from the task state (so a
 * failed run does not erase them); the run's last success and the usage counters carry over from
 * the previous file.
 */
public final class MetricsTextfile {
  private static final Pattern RUN_SUCCESS =
      Pattern.compile("^upkeep_run_last_success_timestamp_seconds\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern USAGE =
      Pattern.compile(
          "^upkeep_task_usage_total\\{name=\"([^\"]*)\",task=\"([^\"]*)\"}\\s+(\\S+)",
          Pattern.MULTILINE);

  private final Path file;

  public MetricsTextfile(Path file) {
    this.file = file;
  }

  /**
   * Writes the metrics of {@code report}.
   *
   * @param lastSuccess each task's last success, from its state (absent if it never succeeded)
   */
  public void write(RunReport report, Map<String, Instant> lastSuccess) throws IOException {
    PrometheusRegistry registry = registry(report, lastSuccess, previous(), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    AtomicFileWriter.write(file, out.toByteArray());
  }

  /** The content of the file as the last run left it, or an empty string. */
  public String previous() throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file) : "";
  }

  /**
   * The metrics of {@code report}.
   *
   * @param previous the last textfile (for the run's last success and usage totals), or ""
   * @param omitUnknownRunSuccess leave out the run's last success when this run failed and no
   *     earlier value is known, so that a "push add" keeps the one the Pushgateway has
   */
  static PrometheusRegistry registry(
      RunReport report,
      Map<String, Instant> lastSuccess,
      String previous,
      boolean omitUnknownRunSuccess) {
    PrometheusRegistry registry = new PrometheusRegistry();
    runMetrics(registry, report, previous, omitUnknownRunSuccess);
    taskMetrics(registry, report, lastSuccess);
    usageMetrics(registry, report, previous);
    return registry;
  }

  private static void runMetrics(
      PrometheusRegistry registry,
      RunReport report,
      String previous,
      boolean omitUnknownRunSuccess) {
    boolean succeeded = !report.status().failed();
    java.util.OptionalDouble earlier = previousRunSuccess(previous);
    if (succeeded || earlier.isPresent() || !omitUnknownRunSuccess) {
      Gauge success =
          Gauge.builder()
              .name("upkeep_run_last_success_timestamp_seconds")
              .help("When an upkeep run last succeeded (or had nothing to do), in Unix seconds")
              .register(registry);
      if (succeeded) {
        success.set(seconds(report.finishedAt()));
      } else {
        earlier.ifPresent(success::set);
      }
    }
    Gauge status =
        Gauge.builder()
            .name("upkeep_run_status")
            .help("1 for the state the last run ended in, 0 for the others")
            .labelNames("status")
            .register(registry);
    for (RunStatus s : RunStatus.values()) {
      status.labelValues(s.name()).set(s == report.status() ? 1 : 0);
    }
  }

  private static java.util.OptionalDouble previousRunSuccess(String previous) {
    Matcher m = RUN_SUCCESS.matcher(previous);
    return m.find()
        ? java.util.OptionalDouble.of(Double.parseDouble(m.group(1)))
        : java.util.OptionalDouble.empty();
  }

  private static void taskMetrics(
      PrometheusRegistry registry, RunReport report, Map<String, Instant> lastSuccess) {
    Gauge success =
        Gauge.builder()
            .name("upkeep_task_last_success_timestamp_seconds")
            .help("When each task last applied or was found up to date, in Unix seconds")
            .labelNames("task")
            .register(registry);
    lastSuccess.forEach((task, at) -> success.labelValues(task).set(seconds(at)));
    Gauge duration =
        Gauge.builder()
            .name("upkeep_task_duration_seconds")
            .help("How long each task took in the last run")
            .labelNames("task")
            .register(registry);
    Gauge status =
        Gauge.builder()
            .name("upkeep_task_status")
            .help("1 for the status of each task in the last run, 0 for the others")
            .labelNames("task", "status")
            .register(registry);
    for (TaskReport task : report.tasks()) {
      duration.labelValues(task.taskId()).set(task.duration().toNanos() / 1e9);
      for (TaskStatus s : TaskStatus.values()) {
        status.labelValues(task.taskId(), s.name()).set(s == task.status() ? 1 : 0);
      }
    }
  }

  private static void usageMetrics(PrometheusRegistry registry, RunReport report, String previous) {
    Map<String, Double> totals = new HashMap<>();
    Matcher m = USAGE.matcher(previous);
    while (m.find()) {
      totals.put(m.group(2) + "\u0000" + m.group(1), Double.parseDouble(m.group(3)));
    }
    for (TaskReport task : report.tasks()) {
      task.usage()
          .forEach(
              (name, value) ->
                  totals.merge(task.taskId() + "\u0000" + name, value.doubleValue(), Double::sum));
    }
    Counter usage =
        Counter.builder()
            .name("upkeep_task_usage_total")
            .help("Usage counted by tasks (API calls, units written), summed over runs")
            .labelNames("task", "name")
            .register(registry);
    totals.forEach(
        (key, value) -> {
          String[] parts = key.split("\u0000", 2);
          usage.labelValues(parts[0], parts[1]).inc(value);
        });
  }

  private static double seconds(Instant at) {
    return at.toEpochMilli() / 1000.0;
  }
}
