package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.core.Upkeep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code camarad plan}: what each task would change; changes nothing, takes no lock. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show what each task would change, without changing anything (no lock, no"
            + " history). Optionally save the plan to apply it later.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;
  @Mixin ToneOption tone;

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description = "Save the plan to FILE, for camarad apply --plan FILE.")
  Path save;

  @Override
  public Integer call() throws Exception {
    RunOutput output = new RunOutput(root.terminal(), tone.tone);
    try (Upkeep upkeep = engine.open(root.terminal(), output.listener())) {
      RunReport report = save == null ? upkeep.plan() : upkeep.plan(save.toAbsolutePath());
      ExitCode code = output.finish(report, upkeep.notifiers());
      if (save != null) {
        output.note(
            "plan saved to "
                + save.toAbsolutePath()
                + "; apply it with: camarad apply"
                + " --plan "
                + save);
      }
      return code.code();
    }
  }
}
