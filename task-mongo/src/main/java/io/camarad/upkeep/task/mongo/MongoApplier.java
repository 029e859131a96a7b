package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One apply of the {@code mongo} task, in order: refuse on index conflicts (before any write),
 * create missing indexes, seed each collection, verify, prune old backups.
 */
final class MongoApplier {
  private final TaskContext context;
  private final MongoTaskConfig config;
  private final MongoDatabase database;
  private final ChangeJournal journal;
  private final UnchangedSeeds unchangedSeeds;
  private final MongoCalls calls;
  private final IndexReconciler indexes = new IndexReconciler();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  MongoApplier(
      TaskContext context,
      MongoTaskConfig config,
      MongoDatabase database,
      ChangeJournal journal,
      UnchangedSeeds unchangedSeeds) {
    this.unchangedSeeds = unchangedSeeds;
    this.context = context;
    this.config = config;
    this.database = database;
    this.journal = journal;
    this.calls = new MongoCalls(context.services());
  }

  TaskOutcome apply() throws Exception {
    List<IndexReview> reviews = reviewIndexes();
    createIndexes(reviews);
    List<SeedCounts> seeds = seed();
    VerificationReport verification = verify();
    int pruned =
        BackupPruner.prune(
            context.dataDirectory(), config.backupRetention(), context.clock().instant());
    count("backups_pruned", pruned);
    return new TaskOutcome(summary(seeds, verification), counts);
  }

  private List<IndexReview> reviewIndexes() throws Exception {
    List<IndexReview> reviews = new ArrayList<>();
    for (CollectionConfig collection : config.collections()) {
      MongoCollection<Document> mongo = database.getCollection(collection.name());
      reviews.add(
          calls.run(
              "list indexes of " + collection.name(),
              () -> indexes.review(mongo, collection.indexes())));
    }
    List<IndexConflict> conflicts =
        reviews.stream().flatMap(review -> review.conflicts().stream()).toList();
    if (!conflicts.isEmpty()) {
      throw new IndexConflictException(conflicts);
    }
    return reviews;
  }

  private void createIndexes(List<IndexReview> reviews) throws Exception {
    for (IndexReview review : reviews) {
      if (review.missing().isEmpty()) {
        continue;
      }
      journal.recordCreatedIndexes(
          review.collection(), review.missing().stream().map(IndexSpec::name).toList());
      MongoCollection<Document> mongo = database.getCollection(review.collection());
      List<String> created =
          calls.run(
              "create indexes on " + review.collection(),
              () -> indexes.create(mongo, review.missing()));
      context
          .logger()
          .info(
              "Task {}: created indexes {} on {}", context.taskId(), created, review.collection());
      count("indexes_created", created.size());
    }
  }

  private List<SeedCounts> seed() throws Exception {
    List<SeedCounts> results = new ArrayList<>();
    for (CollectionConfig collection : config.collections()) {
      if (!collection.hasSeed()) {
        continue;
      }
      context.cancellation().throwIfCancelled();
      SeedCounts skipped = asLastRunLeft(collection);
      if (skipped != null) {
        context.progress().report(skipped.asLastRunLeftSentence());
        count("unchanged", skipped.unchanged());
        results.add(skipped);
        continue;
      }
      BaselineSeeder seeder =
          new BaselineSeeder(
              database.getCollection(collection.name()),
              collection,
              config.batchSize(),
              calls,
              context.cancellation());
      SeedCounts result = seeder.apply(journal);
      context
          .progress()
          .report(
              collection.name()
                  + ": inserted "
                  + result.inserted()
                  + ", updated "
                  + result.updated()
                  + ", deleted "
                  + result.deleted()
                  + ", unchanged "
                  + result.unchanged());
      count("inserted", result.inserted());
      count("updated", result.updated());
      count("deleted", result.deleted());
      count("unchanged", result.unchanged());
      results.add(result);
    }
    return results;
  }

  /** The counts of a collection whose comparison can be skipped, or {@code null}. */
  private SeedCounts asLastRunLeft(CollectionConfig collection) throws Exception {
    MongoCollection<Document> mongo = database.getCollection(collection.name());
    long count = calls.run("count " + collection.name(), mongo::estimatedDocumentCount);
    return unchangedSeeds.unchanged(collection, count)
        ? SeedCounts.asLastRunLeft(collection.name(), count)
        : null;
  }

  private VerificationReport verify() throws Exception {
    VerificationReport report =
        new DataVerifier(database, config, calls, context.cancellation()).verify();
    count("verification_checks", report.checks());
    count("verification_failures", report.failures().size());
    if (report.passed()) {
      return report;
    }
    if (!config.warnOnly()) {
      throw new VerificationFailedException(report);
    }
    report
        .failures()
        .forEach(
            failure ->
                context
                    .logger()
                    .warn("Task {}: verification warning: {}", context.taskId(), failure));
    return report;
  }

  private void count(String name, long amount) {
    counts.merge(name, amount, Long::sum);
    if (amount > 0) {
      context.usage().add(name, amount);
    }
  }

  private String summary(List<SeedCounts> seeds, VerificationReport verification) {
    long inserted = seeds.stream().mapToLong(SeedCounts::inserted).sum();
    long updated = seeds.stream().mapToLong(SeedCounts::updated).sum();
    long deleted = seeds.stream().mapToLong(SeedCounts::deleted).sum();
    long unchanged = seeds.stream().mapToLong(SeedCounts::unchanged).sum();
    String checks =
        verification.passed()
            ? verification.checks() + " checks passed"
            : verification.failures().size()
                + " of "
                + verification.checks()
                + " checks failed (warnings)";
    return "inserted "
        + inserted
        + ", updated "
        + updated
        + (deleted > 0 ? ", deleted " + deleted : "")
        + ", unchanged "
        + unchanged
        + "; "
        + counts.getOrDefault("indexes_created", 0L)
        + " indexes created; "
        + checks;
  }
}
