package io.camarad.upkeep.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The protocol has problems; nothing was run. Holds every problem found, not just the first. */
public class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigurationException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    String lines = problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n  "));
    return problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + lines;
  }
}
