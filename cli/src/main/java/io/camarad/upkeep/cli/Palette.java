package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;

/**
 * ANSI colours for a terminal, or none at all. Colour is used only when the standard output is a
 * console and {@code NO_COLOR} is unset, so that pipes and files get plain text.
 */
record Palette(boolean enabled) {
  private static final String RESET = "\u001b[0m";

  static Palette plain() {
    return new Palette(false);
  }

  String bold(String text) {
    return paint("1", text);
  }

  String dim(String text) {
    return paint("2", text);
  }

  String red(String text) {
    return paint("31", text);
  }

  String green(String text) {
    return paint("32", text);
  }

  String yellow(String text) {
    return paint("33", text);
  }

  String cyan(String text) {
    return paint("36", text);
  }

  String status(TaskStatus status, String text) {
    return switch (status) {
      case APPLIED -> green(text);
      case DUE, UNPREDICTABLE -> cyan(text);
      case UP_TO_DATE -> dim(text);
      case SKIPPED, NOT_RUN, COMPENSATED -> yellow(text);
      case FAILED, FAILED_UNDONE -> red(text);
    };
  }

  String status(RunStatus status, String text) {
    if (status.failed()) {
      return red(bold(text));
    }
    return status == RunStatus.SUCCEEDED ? green(bold(text)) : bold(text);
  }

  private String paint(String code, String text) {
    return enabled ? "\u001b[" + code + "m" + text + RESET : text;
  }
}
