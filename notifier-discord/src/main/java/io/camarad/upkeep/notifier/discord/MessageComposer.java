package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.ErrorInfo;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.notifier.discord.WebhookMessage.AllowedMentions;
import io.camarad.upkeep.notifier.discord.WebhookMessage.Embed;
import io.camarad.upkeep.notifier.discord.WebhookMessage.Field;
import io.camarad.upkeep.notifier.discord.WebhookMessage.Footer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the message of a run, within every Discord limit, from the run's report. Pure: the same
 * report gives the same message, and nothing is sent.
 *
 * <p>The embed's text is shared out in a fixed order: title, footer, then the description (at most
 * {@link #DESCRIPTION_SHARE}), then one field per task, failures first, each given a fair share of
 * what is left; tasks that no longer fit are counted in a last "and N more" field.
 */
final class MessageComposer {
  /** The most the run's description may take, so that the tasks keep most of the embed. */
  static final int DESCRIPTION_SHARE = 1_500;

  /** Kept free for the "and N more" field. */
  static final int OVERFLOW_RESERVE = 200;

  /** A task's field is not shown with less room than this for its text. */
  static final int MIN_FIELD_VALUE = 64;

  private final String engineVersion;
  private final String username;

  /**
   * @param engineVersion shown in the footer
   * @param username the name to post as, or {@code null} for the webhook's own
   */
  MessageComposer(String engineVersion, String username) {
    this.engineVersion = engineVersion == null || engineVersion.isBlank() ? "?" : engineVersion;
    this.username = username == null ? null : SafeText.cut(username, DiscordLimits.USERNAME);
  }

  /** The message posted when a run starts: who, where, which tasks; never pings. */
  WebhookMessage started(RunStarted run) {
    String title = title(run.protocol(), StatusLabels.RUNNING);
    String description =
        SafeText.cut(
            String.join(
                "\n",
                runLines(run.host(), run.runId(), run.mode()),
                "**Tasks** " + SafeText.fromTask(String.join(", ", run.taskIds()))),
            DESCRIPTION_SHARE);
    Embed embed =
        new Embed(
            title,
            description,
            StatusLabels.RUNNING_COLOR,
            timestamp(run.startedAt()),
            List.of(),
            footer());
    return new WebhookMessage(null, List.of(embed), AllowedMentions.none(), username);
  }

  /** The message of a finished run, pinging what {@code mention} allows for its state. */
  WebhookMessage finished(RunReport report, MentionRule mention) {
    String title = title(report.protocol(), StatusLabels.run(report.status()));
    Footer footer = footer();
    String description = SafeText.cut(description(report), DESCRIPTION_SHARE);
    int budget =
        DiscordLimits.EMBED_TOTAL - title.length() - footer.text().length() - description.length();
    List<Field> fields = fields(ordered(report.tasks()), budget);
    Embed embed =
        new Embed(
            title,
            description,
            StatusLabels.color(report.status()),
            timestamp(report.finishedAt()),
            fields,
            footer);
    return new WebhookMessage(
        content(report, mention, title),
        List.of(embed),
        mention.allowedFor(report.status()),
        username);
  }

  private String title(String protocol, String state) {
    String name = protocol == null || protocol.isBlank() ? "upkeep" : protocol;
    return SafeText.cut(state + " · " + SafeText.fromTask(name), DiscordLimits.TITLE);
  }

  private Footer footer() {
    return new Footer(SafeText.cut("Upkeep " + engineVersion, DiscordLimits.FOOTER));
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** The mentions, and the title for the notification's preview; only when a ping is due. */
  private static String content(RunReport report, MentionRule mention, String title) {
    if (!mention.pingsFor(report.status())) {
      return null;
    }
    return SafeText.cut(mention.contentTokens() + " " + title, DiscordLimits.CONTENT);
  }

  private static String runLines(String host, String runId, RunMode mode) {
    return "**Host** " + code(host) + "\n**Run** " + code(runId) + " · " + modeWord(mode);
  }

  private static String modeWord(RunMode mode) {
    return mode == RunMode.PLAN ? "plan only" : "apply";
  }

  /** Engine-given text in an inline code span: one line, no backticks to break out of it. */
  private static String code(String text) {
    String safe = text == null || text.isBlank() ? "?" : SafeText.fromTask(text);
    return "`" + SafeText.cut(safe.replace('`', '\''), 200) + "`";
  }

  private static String description(RunReport report) {
    List<String> lines = new ArrayList<>();
    lines.add(runLines(report.host(), report.runId(), report.mode()));
    lines.add("**Duration** " + HumanDuration.format(duration(report)));
    if (!report.tasks().isEmpty()) {
      lines.add("**Tasks** " + countsByStatus(report.tasks()));
    }
    errorText(report.error()).ifPresent(error -> lines.add("**Error** " + error));
    return String.join("\n", lines);
  }

  private static Duration duration(RunReport report) {
    if (report.startedAt() == null || report.finishedAt() == null) {
      return Duration.ZERO;
    }
    return report.duration();
  }

  /** {@code 3 applied, 1 failed}, in the order of the statuses. */
  static String countsByStatus(List<TaskReport> tasks) {
    Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
    tasks.forEach(task -> counts.merge(task.status(), 1L, Long::sum));
    return counts.entrySet().stream()
        .map(entry -> entry.getValue() + " " + StatusLabels.taskWords(entry.getKey()))
        .collect(Collectors.joining(", "));
  }

  /** Failures first, then what they caused, then the rest; in run order within each. */
  static List<TaskReport> ordered(List<TaskReport> tasks) {
    return tasks.stream().sorted(Comparator.comparingInt(MessageComposer::rank)).toList();
  }

  private static int rank(TaskReport task) {
    if (task.status().failed()) {
      return 0;
    }
    boolean consequence =
        task.status() == TaskStatus.NOT_RUN || task.status() == TaskStatus.COMPENSATED;
    return consequence ? 1 : 2;
  }

  private static List<Field> fields(List<TaskReport> tasks, int budget) {
    List<Field> fields = new ArrayList<>();
    int remaining = budget - OVERFLOW_RESERVE;
    int shown = 0;
    while (shown < tasks.size()) {
      int left = tasks.size() - shown;
      int slots = DiscordLimits.FIELDS - fields.size() - (left > 1 ? 1 : 0);
      Optional<Field> field =
          slots <= 0
              ? Optional.empty()
              : taskField(tasks.get(shown), remaining / Math.min(left, slots));
      if (field.isEmpty()) {
        break;
      }
      fields.add(field.get());
      remaining -= field.get().name().length() + field.get().value().length();
      shown++;
    }
    if (shown < tasks.size()) {
      fields.add(overflowField(tasks.subList(shown, tasks.size())));
    }
    return fields;
  }

  /** The field of one task within {@code share} characters, or empty if it cannot fit. */
  private static Optional<Field> taskField(TaskReport task, int share) {
    String name = SafeText.cut(fieldName(task), DiscordLimits.FIELD_NAME);
    int valueCap = Math.min(DiscordLimits.FIELD_VALUE, share - name.length());
    if (valueCap < MIN_FIELD_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new Field(name, fieldValue(task, valueCap), false));
  }

  /** {@code ✅ pinecone · applied · 12.0 s}: the task first, so a reader's eye finds it. */
  private static String fieldName(TaskReport task) {
    return StatusLabels.taskSymbol(task.status())
        + " "
        + SafeText.fromTask(task.taskId())
        + " · "
        + StatusLabels.taskWords(task.status())
        + " · "
        + HumanDuration.format(task.duration());
  }

  /**
   * The summary, the usage and, for a failure, the error, within {@code cap}: the error keeps at
   * least two thirds of the room when it needs it, and the summary gets the rest.
   */
  static String fieldValue(TaskReport task, int cap) {
    String head = headLine(task);
    Optional<String> error = errorLine(task, head);
    if (error.isEmpty()) {
      return SafeText.cut(head, cap);
    }
    int headRoom = Math.min(head.length(), cap / 3);
    String errorLine = SafeText.cut(error.get(), cap - headRoom - 1);
    return SafeText.cut(head, cap - errorLine.length() - 1) + "\n" + errorLine;
  }

  /** The error, without repeating a message the summary already holds. */
  private static Optional<String> errorLine(TaskReport task, String head) {
    if (task.error() == null) {
      return Optional.empty();
    }
    String message = SafeText.fromTask(task.error().message());
    if (!message.isEmpty() && head.contains(message)) {
      return Optional.of("**Error** " + SafeText.fromTask(task.error().type()));
    }
    return errorText(task.error()).map(text -> "**Error** " + text);
  }

  private static String headLine(TaskReport task) {
    String summary = SafeText.fromTask(task.summary());
    String line = summary.isEmpty() ? "(no summary)" : summary;
    String usage = usage(task.usage());
    return usage.isEmpty() ? line : line + " · " + usage;
  }

  /** Usage counters, by name: {@code deleted 9, embedded 631}. */
  static String usage(Map<String, Long> usage) {
    return usage.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(entry -> SafeText.fromTask(entry.getKey()) + " " + entry.getValue())
        .collect(Collectors.joining(", "));
  }

  private static Optional<String> errorText(ErrorInfo error) {
    if (error == null) {
      return Optional.empty();
    }
    String text = SafeText.fromTask(error.type() + ": " + error.message());
    int attached = error.attached().size();
    return Optional.of(attached == 0 ? text : text + " (+" + attached + " while undoing)");
  }

  private static Field overflowField(List<TaskReport> hidden) {
    String name = "and " + hidden.size() + " more";
    String value = SafeText.cut(countsByStatus(hidden), OVERFLOW_RESERVE - name.length());
    return new Field(name, value, false);
  }
}
