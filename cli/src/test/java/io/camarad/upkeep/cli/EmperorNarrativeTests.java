package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmperorNarrativeTests {
  private final EmperorNarrative narrative = new EmperorNarrative(Palette.plain());

  @Test
  void ingestionNamesTheProtocolAndTheRealOrderOfTasks() {
    String text =
        String.join(
            "\n",
            narrative.ingestion(
                new RunStarted(
                    "r-1",
                    "camarad-nightly",
                    "host-1",
                    RunMode.APPLY,
                    Reports.START,
                    List.of("mongo", "jwt", "sitemap"))));

    assertThat(text)
        .contains("Ingestion")
        .contains("'camarad-nightly'")
        .contains("mongo → jwt → sitemap")
        .contains("Execution");
  }

  @Test
  void aSucceededRunEndsInLiberationWithItsRealCounts() {
    String text = String.join("\n", narrative.ending(Reports.succeeded()));

    assertThat(text)
        .contains("Self-maintenance")
        .contains("1 duties were carried out")
        .contains("1 were found already in order")
        .contains("Awaiting their keys: pinecone")
        .contains("Liberation")
        .contains("r-20261203-0300-abcd");
  }

  @Test
  void aFailedRunHasASoberEndingNamingTheFailedTaskAndNoTriumph() {
    String text = String.join("\n", narrative.ending(Reports.failedRun()));

    assertThat(text)
        .contains("did not complete")
        .contains("Failed: pinecone")
        .contains("Kept: mongo")
        .contains("Not run: sitemap");
    assertThat(text)
        .doesNotContain("Liberation")
        .doesNotContain("rest")
        .doesNotContain("ended well");
  }

  @Test
  void aFailedRunCountsUpToDateTasksAsKept() {
    String text =
        String.join(
            "\n",
            narrative.ending(
                Reports.run(
                    RunMode.APPLY,
                    RunStatus.FAILED,
                    Reports.task("mongo", TaskStatus.UP_TO_DATE, "up to date"),
                    Reports.task("jwt", TaskStatus.UP_TO_DATE, "up to date"),
                    Reports.task("sitemap", TaskStatus.UP_TO_DATE, "up to date"),
                    Reports.failed("pinecone", "pinecone: HTTP 503"))));

    assertThat(text)
        .contains("Failed: pinecone")
        .contains("Kept: mongo, jwt, sitemap (already in order)")
        .doesNotContain("Kept: none");
  }

  @Test
  void aRehearsalClaimsNothingWasDone() {
    String text =
        String.join(
            "\n",
            narrative.ending(
                Reports.run(
                    RunMode.PLAN,
                    RunStatus.PLANNED,
                    Reports.due("mongo", 2),
                    Reports.task("jwt", TaskStatus.UP_TO_DATE, "up to date"))));

    assertThat(text)
        .contains("1 duties would act")
        .contains("Nothing was changed")
        .doesNotContain("Liberation");
  }
}
