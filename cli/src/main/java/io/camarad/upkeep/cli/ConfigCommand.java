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
      TextTable table = new TextTable("SETTING", "VALUE", "ORIGIN");
      for (var entry : upkeep.config()) {
        table.row(entry.path(), String.valueOf(entry.value()), entry.origin());
      }
      table.print(terminal.out(), terminal.palette());
      terminal.out().flush();
      return ExitCode.OK.code();
    }
  }
}
