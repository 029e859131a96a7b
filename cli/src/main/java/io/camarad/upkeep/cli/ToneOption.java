package io.camarad.upkeep.cli;

import picocli.CommandLine.Option;

/** The {@code --tone} option of the commands that run tasks. */
final class ToneOption {
  @Option(
      names = "--tone",
      paramLabel = "TONE",
      converter = Tone.Converter.class,
      completionCandidates = Tone.Labels.class,
      defaultValue = "plain",
      description =
          "How to tell the run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
              + " json prints the report as JSON on stdout and nothing else there.")
  Tone tone = Tone.PLAIN;
}
