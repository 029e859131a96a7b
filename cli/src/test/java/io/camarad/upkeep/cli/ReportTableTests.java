package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunStatus;
import org.junit.jupiter.api.Test;

class ReportTableTests {
  private final ReportTable table = new ReportTable(Palette.plain());

  @Test
  void showsOneRowPerTaskWithStatusTimeAndSummary() {
    String text = table.render(Reports.succeeded());

    assertThat(text)
        .contains("apply of 'camarad-nightly' · run r-20261203-0300-abcd ·" + " succeeded in 4.0s");
    assertThat(text).containsPattern("mongo +applied +1\\.5s +inserted 6504 pages");
    assertThat(text).containsPattern("pinecone +skipped .*not configured: set PINECONE_API_KEY");
    assertThat(text).containsPattern("jwt +up to date +1\\.5s +key rotates in 20 days");
    assertThat(text).contains("1 applied · 1 up to date · 1 skipped");
  }

  @Test
  void showsTheErrorOfAFailedTaskAndWhatFailedWhileUndoing() {
    String text = table.render(Reports.failedRun());

    assertThat(text).contains("failed in 4.0s");
    assertThat(text).containsPattern("pinecone +FAILED +2\\.0s +pinecone: HTTP 503");
    assertThat(text).contains("error: ServiceException");
    assertThat(text).contains("then: IllegalStateException: undo left 2 vectors");
    assertThat(text).contains("1 not run");
  }

  @Test
  void cutsALongErrorToOneShortLineWithAVisibleMark() {
    String text = table.render(Reports.longFailureRun());

    assertThat(text).doesNotContain("THE-TAIL-OF-THE-MESSAGE");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(340));
    assertThat(text).contains("…").contains("E11000 duplicate key error");
    assertThat(text).contains("error: MongoWriteException");
    assertThat(text.length()).isLessThan(1500);
  }

  @Test
  void listsThePlannedChangesOfDueTasksUpToALimit() {
    String text =
        table.render(
            Reports.run(
                RunMode.PLAN,
                RunStatus.PLANNED,
                Reports.due("mongo", ReportTable.MAX_CHANGES_SHOWN + 3)));

    assertThat(text).contains("- insert pages: page 0");
    assertThat(text).doesNotContain("page " + ReportTable.MAX_CHANGES_SHOWN);
    assertThat(text).contains("... and 3 more");
  }

  @Test
  void usesNoEscapeCodesWithoutColour() {
    assertThat(table.render(Reports.failedRun())).doesNotContain("\u001b[");
    assertThat(new ReportTable(new Palette(true)).render(Reports.failedRun()))
        .contains("\u001b[31m");
  }
}
