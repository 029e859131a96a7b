package io.camarad.upkeep.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A task that the protocol needs cannot be used because of a broken plugin: two jars provide its
 * id, its constructor threw, or its service entry names a missing class.
 *
 * @since 0.1
 */
public final class DiscoveryFailedException extends UpkeepException {
  private static final long serialVersionUID = 1L;

  private final transient List<PluginProblem> problems;

  DiscoveryFailedException(List<PluginProblem> problems) {
    super(
        "plugins needed by the protocol cannot be used:\n  "
            + problems.stream().map(PluginProblem::describe).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, by plugin name and jar. */
  public List<PluginProblem> problems() {
    return problems;
  }
}
