package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.core.Upkeep;
import io.camarad.upkeep.core.UpkeepException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code camarad doctor}: the health of every task and resource, and the seed's checklist. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Probe every task and shared resource (changing nothing), show the lock, and"
            + " answer the CBLM.001 checklist. Exits 1 when a probe is down.")
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = root.terminal();
    PrintWriter out = terminal.out();
    Palette palette = terminal.palette();
    try (Upkeep upkeep = engine.open(terminal)) {
      printLock(upkeep, out);
      Map<String, Health> health = new TreeMap<>(upkeep.health());
      printHealth(health, out, palette);
      printChecklist(SeedChecklist.answer(facts(upkeep, health, terminal)), out, palette);
      out.flush();
      boolean down = health.values().stream().anyMatch(h -> h.status() == Health.Status.DOWN);
      return (down ? ExitCode.TASK_FAILED : ExitCode.OK).code();
    }
  }

  private static void printLock(Upkeep upkeep, PrintWriter out) throws UpkeepException {
    out.println("Lock: " + upkeep.lockHolder().map(h -> "held by " + h.describe()).orElse("free"));
    out.println();
  }

  private static void printHealth(Map<String, Health> health, PrintWriter out, Palette palette) {
    out.println(palette.bold("Health"));
    TextTable table = new TextTable("  NAME", "STATUS", "DETAIL");
    health.forEach(
        (name, h) ->
            table.row(
                "  " + name, h.status().name().toLowerCase(java.util.Locale.ROOT), h.detail()));
    if (table.isEmpty()) {
      out.println("  nothing to probe");
    } else {
      table.print(out, palette);
    }
    out.println();
  }

  private static void printChecklist(
      List<SeedChecklist.Item> items, PrintWriter out, Palette palette) {
    out.println(palette.bold("CBLM.001 checklist"));
    for (SeedChecklist.Item item : items) {
      String mark =
          switch (item.verdict()) {
            case DONE -> palette.green(item.verdict().mark);
            case TODO -> palette.yellow(item.verdict().mark);
            case NOT_UPKEEP -> palette.dim(item.verdict().mark);
          };
      out.println("  " + mark + " " + item.item() + ": " + item.detail());
    }
  }

  private static SeedChecklist.Facts facts(
      Upkeep upkeep, Map<String, Health> health, Terminal terminal) {
    Map<String, String> config = new LinkedHashMap<>();
    upkeep.config().forEach(entry -> config.put(entry.path(), String.valueOf(entry.value())));
    Map<String, Boolean> tasks = new LinkedHashMap<>();
    upkeep.tasks().forEach(task -> tasks.put(task.id(), task.enabled()));
    List<String> order =
        upkeep.tasks().stream()
            .filter(task -> task.enabled())
            .sorted(java.util.Comparator.comparingInt(task -> task.position()))
            .map(task -> task.id())
            .toList();
    return new SeedChecklist.Facts(
        config, tasks, order, health, upkeep.discoveryProblems().size(), terminal.environment());
  }
}
