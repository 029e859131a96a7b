package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.TaskStatus;
import java.util.Locale;

/** The words a person reads for statuses. */
final class Labels {
  private Labels() {}

  static String of(TaskStatus status) {
    return switch (status) {
      case DUE -> "due";
      case UNPREDICTABLE -> "will run";
      case UP_TO_DATE -> "up to date";
      case SKIPPED -> "skipped";
      case APPLIED -> "applied";
      case FAILED -> "FAILED";
      case FAILED_UNDONE -> "FAILED, undone";
      case COMPENSATED -> "compensated";
      case NOT_RUN -> "not run";
    };
  }

  /**
   * A task's summary without the status it may start with ("up to date: inputs unchanged" becomes
   * "inputs unchanged"), for places that print the status beside it; one line.
   */
  static String summaryAfterStatus(TaskReport task) {
    String summary = OneLine.of(task.summary());
    String label = of(task.status()).toLowerCase(Locale.ROOT);
    String lower = summary.toLowerCase(Locale.ROOT);
    if (lower.equals(label)) {
      return "";
    }
    return lower.startsWith(label + ":") ? summary.substring(label.length() + 1).strip() : summary;
  }

  static String of(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> "succeeded";
      case NOTHING_TO_DO -> "nothing to do";
      case PLANNED -> "planned";
      case FAILED -> "failed";
      case FAILED_UNDONE -> "failed, undone";
      case FAILED_PARTLY_UNDONE -> "failed, partly undone";
    };
  }
}
