package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.core.Upkeep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code camarad apply}: plans and applies under the run lock, or applies a saved plan. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Plan and apply the due tasks under the run lock; with --plan, apply a saved"
            + " plan, refusing if what it saw has changed.")
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin ToneOption tone;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description = "Apply the plan saved by camarad plan --save FILE.")
  Path savedPlan;

  @Override
  public Integer call() throws Exception {
    if (savedPlan != null && !Files.isRegularFile(savedPlan)) {
      throw new ParameterException(
          spec.commandLine(),
          "no saved plan at "
              + savedPlan.toAbsolutePath()
              + "; make one with: camarad plan --save FILE");
    }
    RunOutput output = new RunOutput(root.terminal(), tone.tone);
    try (Upkeep upkeep = engine.open(root.terminal(), output.listener())) {
      RunReport report =
          savedPlan == null ? upkeep.apply() : upkeep.applySaved(savedPlan.toAbsolutePath());
      return output.finish(report, upkeep.notifiers()).code();
    }
  }
}
