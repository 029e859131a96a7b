package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;

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
