package io.camarad.upkeep.testkit;

import java.util.List;

/**
 * The settings handed to a {@link TaskHarness} do not pass the task's spec or its {@code validate};
 * {@link #problems()} lists each problem with its dotted key. When the task's own {@code validate}
 * threw, its {@code SettingsException} is the cause, unchanged, so a test can check the key and
 * message the task gives.
 *
 * @since 0.1
 */
public final class SettingsProblemsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  SettingsProblemsException(String taskId, List<String> problems, Throwable cause) {
    super(
        "settings of task '" + taskId + "' are invalid:\n  - " + String.join("\n  - ", problems),
        cause);
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, starting with the dotted key. */
  public List<String> problems() {
    return problems;
  }
}
