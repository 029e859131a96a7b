package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.core.Upkeep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code camarad camard-exec}: the seed's own command, kept as written. {@code --full-upkeep} runs
 * every configured task, {@code --ingest-cblm001} reads the protocol, {@code --apply-now} applies
 * instead of planning, {@code --dry-run} forces a plan.
 */
@Command(
    name = "camard-exec",
    mixinStandardHelpOptions = true,
    description =
        "The seed's command: camard-exec --full-upkeep --ingest-cblm001 --apply-now"
            + " --tone=emperor-eternal. Without --apply-now (or with --dry-run) it only plans.")
final class CamardExecCommand implements Callable<Integer> {
  @ParentCommand Camarad root;
  @Mixin EngineOptions engine;
  @Mixin ToneOption tone;

  @Option(
      names = "--full-upkeep",
      required = true,
      description = "Run every task the protocol configures (required).")
  boolean fullUpkeep;

  @Option(
      names = "--ingest-cblm001",
      required = true,
      description =
          "Read the protocol file, cblm001.yaml unless --protocol says otherwise" + " (required).")
  boolean ingest;

  @Option(names = "--apply-now", description = "Apply the due tasks instead of planning.")
  boolean applyNow;

  @Option(
      names = "--dry-run",
      description = "Plan only, even with --apply-now: show what would run, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    RunOutput output = new RunOutput(root.terminal(), tone.tone);
    if (applyNow && dryRun) {
      output.note("--dry-run given: planning only, nothing will change.");
    } else if (!applyNow) {
      output.note("planning only: add --apply-now to apply.");
    }
    try (Upkeep upkeep = engine.open(root.terminal(), output.listener())) {
      RunReport report = applyNow && !dryRun ? upkeep.apply() : upkeep.plan();
      return output.finish(report, upkeep.notifiers()).code();
    }
  }
}
