package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.TaskPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link DatabaseReview} into the plan a person reads. */
final class PlanRenderer {

  private PlanRenderer() {}

  static TaskPlan render(DatabaseReview review, Map<String, String> fingerprints) {
    List<PlannedChange> changes = new ArrayList<>();
    review
        .conflicts()
        .forEach(
            conflict ->
                changes.add(
                    new PlannedChange("conflict", conflict.collection(), conflict.describe())));
    for (IndexReview indexes : review.indexes()) {
      indexes
          .missing()
          .forEach(
              spec ->
                  changes.add(
                      new PlannedChange(
                          "create index", indexes.collection(), spec.definition().toJson())));
    }
    for (SeedCounts seed : review.seeds()) {
      addSeedChanges(changes, seed);
    }
    if (!review.hasWork()) {
      return TaskPlan.upToDate(upToDateSummary(review), fingerprints);
    }
    return TaskPlan.changes(summary(review), changes, fingerprints);
  }

  private static void addSeedChanges(List<PlannedChange> changes, SeedCounts seed) {
    String samples =
        seed.sampleKeys().isEmpty()
            ? ""
            : " ("
                + String.join(", ", seed.sampleKeys())
                + (seed.inserted() + seed.updated() > seed.sampleKeys().size() ? ", ...)" : ")");
    if (seed.inserted() > 0) {
      changes.add(
          new PlannedChange("insert", seed.collection(), seed.inserted() + " documents" + samples));
    }
    if (seed.updated() > 0) {
      changes.add(
          new PlannedChange(
              "update", seed.collection(), seed.updated() + " documents, backed up first"));
    }
    if (seed.deleted() > 0) {
      changes.add(
          new PlannedChange(
              "delete",
              seed.collection(),
              seed.deleted() + " documents not in the seed (removeMissing), backed up first"));
    }
    if (seed.hasWrites() || seed.kept() > 0) {
      changes.add(
          new PlannedChange(
              "keep",
              seed.collection(),
              seed.unchanged()
                  + " documents unchanged"
                  + (seed.kept() > 0
                      ? ", of which "
                          + seed.kept()
                          + " differ from the seed but are kept (mode insertOnly)"
                      : "")));
    }
  }

  private static String summary(DatabaseReview review) {
    List<String> parts = new ArrayList<>();
    if (!review.conflicts().isEmpty()) {
      parts.add("blocked by " + review.conflicts().size() + " index conflict(s)");
    }
    if (review.missingIndexes() > 0) {
      parts.add("create " + review.missingIndexes() + " index(es)");
    }
    for (SeedCounts seed : review.seeds()) {
      if (seed.hasWrites()) {
        parts.add(
            seed.collection()
                + ": insert "
                + seed.inserted()
                + ", update "
                + seed.updated()
                + (seed.deleted() > 0 ? ", delete " + seed.deleted() : "")
                + ", unchanged "
                + seed.unchanged());
      }
    }
    return String.join("; ", parts);
  }

  private static String upToDateSummary(DatabaseReview review) {
    long unchanged =
        review.seeds().stream()
            .filter(seed -> !seed.asLastRunLeft())
            .mapToLong(SeedCounts::unchanged)
            .sum();
    String skipped =
        review.seeds().stream()
            .filter(SeedCounts::asLastRunLeft)
            .map(seed -> "; " + seed.asLastRunLeftSentence())
            .collect(Collectors.joining());
    long kept = review.seeds().stream().mapToLong(SeedCounts::kept).sum();
    return "up to date: "
        + review.indexes().size()
        + " collections have their indexes, "
        + unchanged
        + " baseline documents unchanged"
        + (kept > 0 ? " (" + kept + " differ from the seed and are kept: mode insertOnly)" : "")
        + skipped
        + "; nothing to write";
  }
}
