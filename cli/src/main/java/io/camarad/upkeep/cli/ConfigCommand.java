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
            + " environment, protocol file and line, or default). Long values are cut to fit 100"
            + " columns; --wide prints them in full.")
final class ConfigCommand implements Callable<Integer> {
  /** The table's width that long values are cut to fit. */
  static final int LINE_WIDTH = 100;

  /** The widest a value gets in the table, however narrow the other columns. */
  static final int MAX_VALUE_WIDTH = 60;

  /** The narrowest a cut value gets, however wide the other columns. */
  static final int MIN_VALUE_WIDTH = 24;

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
        table.row(entry.path(), entry.origin(), wide ? value : OneLine.of(value, valueWidth));
      }
      table.print(terminal.out(), terminal.palette());
      terminal.out().flush();
      return ExitCode.OK.code();
    }
  }

  /** What is left of {@link #LINE_WIDTH} beside the setting and origin columns, bounded. */
  private static int valueWidth(List<ConfigEntry> entries) {
    int path = entries.stream().mapToInt(e -> e.path().length()).max().orElse(0);
    int origin = entries.stream().mapToInt(e -> e.origin().length()).max().orElse(0);
    int left = LINE_WIDTH - Math.max(path, 7) - Math.max(origin, 6) - 4;
    return Math.max(MIN_VALUE_WIDTH, Math.min(MAX_VALUE_WIDTH, left));
  }
}
