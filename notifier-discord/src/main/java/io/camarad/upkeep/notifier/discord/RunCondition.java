package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which runs a webhook hears about, or which runs ping: the values of {@code when} and {@code
 * mention.on}.
 */
enum RunCondition {
  /** Every run. */
  ALWAYS,
  /** Runs that changed something or failed: every run except "nothing to do". */
  CHANGES,
  /** Runs that did not fail (succeeded, nothing to do, or a plan). */
  SUCCESS,
  /** Runs that failed, whatever was undone. */
  FAILURE;

  /** Whether a run that ended in {@code status} meets this condition. */
  boolean matches(RunStatus status) {
    return switch (this) {
      case ALWAYS -> true;
      case CHANGES -> status != RunStatus.NOTHING_TO_DO;
      case SUCCESS -> !status.failed();
      case FAILURE -> status.failed();
    };
  }

  /** The name written in the protocol. */
  String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every name accepted in the protocol. */
  static List<String> settingValues() {
    return Arrays.stream(values()).map(RunCondition::settingValue).toList();
  }

  /** The condition named {@code value} in the protocol, if there is one. */
  static Optional<RunCondition> fromSetting(String value) {
    return Arrays.stream(values()).filter(c -> c.settingValue().equals(value)).findFirst();
  }
}
