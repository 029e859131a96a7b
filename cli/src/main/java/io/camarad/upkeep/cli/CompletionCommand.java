package io.camarad.upkeep.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code camarad completion}: the bash (and zsh) completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description =
        "Print the bash completion script; load it with" + " source <(camarad completion)")
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("camarad", spec.root().commandLine());
    root.terminal().out().print(script);
    root.terminal().out().flush();
    return ExitCode.OK.code();
  }
}
