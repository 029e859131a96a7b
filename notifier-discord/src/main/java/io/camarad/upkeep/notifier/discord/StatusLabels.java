package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;

/** How states look in a message: a symbol and a few words, and a colour for a run. */
final class StatusLabels {
  static final int RUNNING_COLOR = 0x1E88E5;
  static final String RUNNING = "⏳ running";

  private StatusLabels() {}

  /** A run's end state in a few words, after its symbol. */
  static String run(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> "✅ succeeded";
      case NOTHING_TO_DO -> "💤 nothing to do";
      case PLANNED -> "📝 plan ready, changes to apply";
      case FAILED -> "❌ failed";
      case FAILED_UNDONE -> "↩️ failed, all changes undone";
      case FAILED_PARTLY_UNDONE -> "⚠️ failed, partly undone: check by hand";
    };
  }

  /** The embed colour of a run's end state. */
  static int color(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> 0x2E7D32;
      case NOTHING_TO_DO -> 0x78909C;
      case PLANNED -> RUNNING_COLOR;
      case FAILED -> 0xC62828;
      case FAILED_UNDONE -> 0xEF6C00;
      case FAILED_PARTLY_UNDONE -> 0xAD1457;
    };
  }

  /** A task's outcome in a few words, after its symbol. */
  static String task(TaskStatus status) {
    return switch (status) {
      case DUE -> "📝 due";
      case UNPREDICTABLE -> "❔ will run";
      case UP_TO_DATE -> "➖ up to date";
      case SKIPPED -> "⏭️ skipped";
      case APPLIED -> "✅ applied";
      case FAILED -> "❌ failed";
      case FAILED_UNDONE -> "↩️ failed, undone";
      case COMPENSATED -> "↩️ compensated";
      case NOT_RUN -> "⛔ not run";
    };
  }

  /** A task's outcome symbol: {@code ✅}. */
  static String taskSymbol(TaskStatus status) {
    String label = task(status);
    return label.substring(0, label.indexOf(' '));
  }

  /** A task's outcome in plain words, for counts: {@code up to date}. */
  static String taskWords(TaskStatus status) {
    String label = task(status);
    return label.substring(label.indexOf(' ') + 1);
  }
}
