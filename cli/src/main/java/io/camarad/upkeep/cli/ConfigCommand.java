package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.ConfigEntry;
import io.camarad.upkeep.core.Upkeep;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code camarad config}: every effective setting and where its value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Show the effective settings, secrets masked, each with its origin (flag,"
            + " environment, protocol file and line, or default). A value too long for its"
            + " column goes on a line of its own, cut to fit 100 columns; --wide prints every"
            + " value in full.")
final class ConfigCommand implements Callable<Integer> {
  /** The table's width that long values are cut to fit. */
  static final int LINE_WIDTH = 100;

  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;

  @Option(names = "--wide", description = "Print every value in full, however long.")
  boolean wide;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = root.terminal();
    try (Upkeep upkeep = engine.open(terminal)) {
      List<ConfigEntry> entries = upkeep.config();
      int valueWidth = valueWidth(entries);
      // The value comes last: some are long (lists, schemas) and would push the origin away.
      TextTable table = new TextTable("SETTING", "ORIGIN", "VALUE");
      for (ConfigEntry entry : entries) {
        String value = String.valueOf(entry.value());
        if (wide || value.length() <= valueWidth) {
          table.row(entry.path(), entry.origin(), value);
        } else {
          // Too long for its column: on a line of its own, where it has the whole width.
          table.row(entry.path(), entry.origin(), "↓");
          table.below("    " + OneLine.of(value, LINE_WIDTH - 4));
        }
      }
      table.print(terminal.out(), terminal.palette());
      terminal.out().flush();
      return ExitCode.OK.code();
    }
  }

  /** What is left of {@link #LINE_WIDTH} beside the setting and origin columns. */
  private static int valueWidth(List<ConfigEntry> entries) {
    int path = entries.stream().mapToInt(e -> e.path().length()).max().orElse(0);
    int origin = entries.stream().mapToInt(e -> e.origin().length()).max().orElse(0);
    int left = LINE_WIDTH - Math.max(path, 7) - Math.max(origin, 6) - 4;
    return Math.max(1, left);
  }
}
