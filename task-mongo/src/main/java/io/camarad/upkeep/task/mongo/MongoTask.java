package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The {@code mongo} task: makes the declared indexes exist, seeds baseline documents and bulk
 * content idempotently, verifies the data (counts, JSON Schema, references), and backs up every
 * document before it changes, so that a failed or compensated run can be undone.
 *
 * @since 0.1
 */
public final class MongoTask implements UpkeepTask {
  static final String ID = "mongo";

  /** State key of the run whose changes undo reverses (the last apply). */
  static final String APPLY_RUN_KEY = "applyRunId";

  private final UnaryOperator<OutputStream> backupSink;

  /** The task as the engine discovers it. */
  public MongoTask() {
    this(UnaryOperator.identity());
  }

  /** For tests: {@code backupSink} wraps the stream that backups are written to. */
  MongoTask(UnaryOperator<OutputStream> backupSink) {
    this.backupSink = backupSink;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "MongoDB: indexes, baseline documents and seed data, verification, backups";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return MongoTaskSpec.build();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    MongoTaskConfig config = MongoTaskConfigParser.parse(settings);
    for (int i = 0; i < config.collections().size(); i++) {
      CollectionConfig collection = config.collections().get(i);
      if (!collection.schema().isEmpty()) {
        checkSchema(collection, i);
      }
      if (collection.seedFile() != null) {
        checkSeedFile(collection.seedFile(), i);
      }
    }
  }

  /** A seed file that cannot be read is a settings problem, found before anything runs. */
  private static void checkSeedFile(Path file, int index) throws SettingsException {
    String problem = SeedReader.unreadableReason(file);
    if (problem != null) {
      throw new SettingsException(
          "collections." + index + ".seedFile",
          "seed file " + file + " " + problem + "; " + SeedReader.PATH_FIX);
    }
  }

  private static void checkSchema(CollectionConfig collection, int index) throws SettingsException {
    try {
      new SchemaCheck(collection.schema());
    } catch (RuntimeException e) {
      throw new SettingsException(
          "collections." + index + ".schema",
          "the schema of '"
              + collection.name()
              + "' is not a usable JSON Schema: "
              + e.getMessage());
    }
  }

  @Override
  public TaskPlan plan(TaskContext context) throws Exception {
    MongoTaskConfig config = MongoTaskConfigParser.parse(context.settings());
    UnchangedSeeds unchanged = unchangedSeeds(context, config);
    DatabaseReview review = reviewer(context, config, unchanged).review();
    Map<String, String> fingerprints =
        InputFingerprints.of(
            context.settings(), config, review.expectedCounts(), review.expectedIndexes());
    fingerprints.putAll(unchanged.fingerprints(review.expectedCounts()));
    return PlanRenderer.render(review, fingerprints);
  }

  @Override
  public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
    MongoTaskConfig config = MongoTaskConfigParser.parse(context.settings());
    context.state().put(APPLY_RUN_KEY, context.runId());
    ChangeJournal journal =
        new ChangeJournal(
            context.dataDirectory(), context.runId(), backupSink, context.fencingToken());
    return new MongoApplier(
            context, config, database(context, config), journal, unchangedSeeds(context, config))
        .apply();
  }

  @Override
  public Reversibility reversibility() {
    return Reversibility.FULL;
  }

  @Override
  public void undo(TaskContext context, UndoReason reason) throws Exception {
    MongoTaskConfig config = MongoTaskConfigParser.parse(context.settings());
    String runId = context.state().get(APPLY_RUN_KEY).orElse(context.runId());
    ChangeJournal journal = new ChangeJournal(context.dataDirectory(), runId, backupSink);
    ChangeReverter reverter =
        new ChangeReverter(
            database(context, config),
            journal,
            new MongoCalls(context.services()),
            config.batchSize());
    long deleted = 0;
    long restored = 0;
    for (CollectionConfig collection : config.collections()) {
      ChangeReverter.Reverted reverted = reverter.revert(collection);
      deleted += reverted.deleted();
      restored += reverted.restored();
    }
    int dropped = reverter.dropCreatedIndexes();
    context.state().remove(APPLY_RUN_KEY);
    context
        .logger()
        .info(
            "Task {}: undid run {} ({}): deleted {} inserted documents, restored"
                + " {} from backup, dropped {} indexes",
            context.taskId(),
            runId,
            reason,
            deleted,
            restored,
            dropped);
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public Health health(TaskContext context) {
    try {
      MongoTaskConfig config = MongoTaskConfigParser.parse(context.settings());
      return MongoHealthProbe.probe(database(context, config));
    } catch (SettingsException | IllegalArgumentException e) {
      return Health.unknown("task '" + ID + "' cannot probe MongoDB: " + e.getMessage());
    }
  }

  private static DatabaseReviewer reviewer(
      TaskContext context, MongoTaskConfig config, UnchangedSeeds unchanged) {
    return new DatabaseReviewer(
        database(context, config),
        config,
        new MongoCalls(context.services()),
        context.cancellation(),
        unchanged);
  }

  private static UnchangedSeeds unchangedSeeds(TaskContext context, MongoTaskConfig config)
      throws java.io.IOException {
    return UnchangedSeeds.of(context.settings(), config, context.state().lastFingerprints());
  }

  /**
   * The shared database, with every operation bounded by the time left before the task's deadline
   * (the driver's client-side operation timeout), so a slow server cannot outlive it.
   */
  private static MongoDatabase database(TaskContext context, MongoTaskConfig config) {
    MongoDatabase shared = context.resource(config.resource(), MongoDatabase.class);
    long millis = Math.max(1, context.remaining().toMillis());
    return shared.withTimeout(millis, TimeUnit.MILLISECONDS);
  }
}
