package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.Upkeep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code camarad config}: every effective setting and where its value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show the effective settings, secrets masked, each with its origin (flag,"
        + " environment, protocol file and line, or default).")
final class ConfigCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = root.terminal();
    try (Upkeep upkeep = engine.open(terminal)) {
      // The value comes last: some are long (lists, schemas) and would push the origin away.
      TextTable table = new TextTable("SETTING", "ORIGIN", "VALUE");
      for (var entry : upkeep.config()) {
        table.row(entry.path(), entry.origin(), String.valueOf(entry.value()));
      }
      table.print(terminal.out(), terminal.palette());
      terminal.out().flush();
      return ExitCode.OK.code();
    }
  }
}
