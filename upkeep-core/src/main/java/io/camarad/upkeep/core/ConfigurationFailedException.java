package io.camarad.upkeep.core;

import io.camarad.upkeep.core.config.ConfigProblem;
import java.util.List;

/**
 * The protocol has problems (unknown keys, wrong types, missing values, unset secrets, a dependency
 * cycle, a missing task); nothing ran. Every problem is listed with its file, line and column, and
 * none holds a secret value.
 *
 * @since 0.1
 */
public final class ConfigurationFailedException extends UpkeepException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  ConfigurationFailedException(List<ConfigProblem> problems, String message) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
