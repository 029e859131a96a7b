package io.camarad.upkeep.cli;

import io.camarad.upkeep.core.Upkeep;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code camarad tasks}: what discovery found, in run order, and what it could not load. */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description =
        "List the discovered tasks in run order with their jar and version, the"
            + " protocol's notifiers, and every discovery problem (broken service entries, duplicate"
            + " ids, failing constructors).")
final class TasksCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = root.terminal();
    PrintWriter out = terminal.out();
    try (Upkeep upkeep = engine.open(terminal)) {
      TextTable table = new TextTable("#", "TASK", "ENABLED", "VERSION", "DEPENDS ON", "SOURCE");
      for (var task : upkeep.tasks()) {
        table.row(
            task.position() < 0 ? "-" : String.valueOf(task.position()),
            task.id(),
            task.enabled() ? "yes" : "no",
            orDash(task.version()),
            task.dependsOn().isEmpty() ? "-" : String.join(", ", task.dependsOn()),
            orDash(task.source()));
      }
      table.print(out, terminal.palette());
      printNotifiers(upkeep, out, terminal.palette());
      var problems = upkeep.discoveryProblems();
      if (!problems.isEmpty()) {
        out.println();
        out.println(terminal.palette().yellow("Discovery problems:"));
        problems.forEach(problem -> out.println("  " + problem.describe()));
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  private static void printNotifiers(Upkeep upkeep, PrintWriter out, Palette palette) {
    var notifiers = upkeep.notifiers();
    if (notifiers.isEmpty()) {
      return;
    }
    out.println();
    TextTable table = new TextTable("NOTIFIER", "TYPE", "ACTIVE");
    for (var notifier : notifiers) {
      table.row(
          notifier.path(),
          notifier.type(),
          notifier.active() ? "yes" : "no: " + notifier.skippedBecause());
    }
    table.print(out, palette);
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "-" : text;
  }
}
