package io.camarad.upkeep.task.pinecone;

import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UpkeepTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Keeps a Pinecone index in line with its source documents (a MongoDB collection or a JSON-lines
 * file): embeds and upserts only the chunks that are new or changed, deletes the vectors of chunks
 * and documents that disappeared (only after reading the whole source), and checks the index
 * against the source afterwards.
 *
 * <p>A record per chunk (document id, content hash, vector id, time written) is kept in the task's
 * data directory or in MongoDB; it is written after the index, so a failed run leaves records that
 * never claim more than the index holds, and the next run converges. That is the only repair it
 * offers: vectors already overwritten cannot be restored, so the task declares {@link
 * Reversibility#NONE}.
 *
 * @since 0.1
 */
public final class PineconeTask implements UpkeepTask {
  static final String ID = "pinecone";
  private static final String LAST_CHECK = "lastCheck";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Refreshes a Pinecone index from its source: embeds what changed, deletes what went";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return PineconeSettings.spec();
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    PineconeSettings.from(settings);
  }

  @Override
  public Reversibility reversibility() {
    return Reversibility.NONE;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public TaskPlan plan(TaskContext context) throws Exception {
    PineconeSettings settings = PineconeSettings.from(context.settings());
    if (settings.apiKey().isEmpty()) {
      return TaskPlan.notConfigured("not configured: set " + settings.apiKey().name());
    }
    ChunkRecords records = recordStore(context, settings).load();
    ChangeTracker tracker = new ChangeTracker(records, settings.mode());
    DocumentChunker chunker = chunker(settings);
    source(context, settings).read(d -> tracker.track(d, chunker.chunks(d)));
    return decide(context, settings, tracker);
  }

  private TaskPlan decide(TaskContext context, PineconeSettings settings, ChangeTracker tracker) {
    RefreshCounts counts = tracker.counts();
    Map<String, String> fingerprints =
        Map.of("source", tracker.sourceFingerprint(), "settings", settingsFingerprint(settings));
    String target = "index " + settings.index() + " namespace '" + settings.namespace() + "'";
    if (counts.hasWork()) {
      return TaskPlan.changes(counts.describe(), changes(counts, target), fingerprints);
    }
    Optional<Instant> lastCheck = lastCheck(context);
    Instant now = context.clock().instant();
    if (lastCheck.isEmpty() || lastCheck.get().plus(settings.interval()).isBefore(now)) {
      String why =
          lastCheck.map(t -> "last full check " + age(t, now) + " ago").orElse("never checked");
      return TaskPlan.changes(
          "source unchanged; " + why + ", check " + target,
          List.of(new PlannedChange("verify", target, counts.chunks() + " vectors expected")),
          fingerprints);
    }
    return TaskPlan.upToDate(
        String.format(
            "up to date: %,d documents, %,d chunks unchanged since the check %s ago",
            counts.documents(), counts.chunks(), age(lastCheck.get(), now)),
        fingerprints);
  }

  /**
   * When an apply last checked the index against the whole source. Not the engine's last success,
   * which a run that finds the task up to date also moves.
   */
  private static Optional<Instant> lastCheck(TaskContext context) {
    return context.state().get(LAST_CHECK).map(Instant::parse);
  }

  private static List<PlannedChange> changes(RefreshCounts counts, String target) {
    List<PlannedChange> changes = new ArrayList<>();
    if (counts.chunksToWrite() > 0) {
      changes.add(
          new PlannedChange(
              "embed",
              target,
              String.format(
                  "%,d chunks of %,d added and %,d updated documents",
                  counts.chunksToWrite(), counts.documentsAdded(), counts.documentsUpdated())));
    }
    if (counts.vectorsToDelete() > 0) {
      changes.add(
          new PlannedChange(
              "delete",
              target,
              String.format(
                  "%,d vectors, of %,d removed documents and shortened ones",
                  counts.vectorsToDelete(), counts.documentsDeleted())));
    }
    changes.add(new PlannedChange("verify", target, counts.chunks() + " vectors expected"));
    return changes;
  }

  @Override
  public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
    PineconeSettings settings = PineconeSettings.from(context.settings());
    try (Clients clients = new Clients(context, settings, Json.MAPPER)) {
      Refresh refresh =
          new Refresh(
              context,
              settings,
              source(context, settings),
              recordStore(context, settings),
              chunker(settings),
              clients);
      TaskOutcome outcome = refresh.run();
      context.state().put(LAST_CHECK, context.runStartedAt().toString());
      context.logger().info("Task '{}': {}", context.taskId(), outcome.summary());
      return outcome;
    }
  }

  @Override
  public Health health(TaskContext context) {
    try {
      PineconeSettings settings = PineconeSettings.from(context.settings());
      try (Clients clients = new Clients(context, settings, Json.MAPPER)) {
        PineconeIndex.Description description =
            clients.index().describe(HttpUrl.get(settings.controlBaseUrl().toString()));
        return Health.up("index " + settings.index() + " at " + description.host())
            .withFacts(
                Map.of(
                    "host", description.host(),
                    "dimension", String.valueOf(description.dimension().orElse(0))));
      }
    } catch (Exception e) {
      return Health.down("index unreachable: " + e.getMessage());
    }
  }

  private static DocumentChunker chunker(PineconeSettings settings) {
    return new DocumentChunker(
        new TextChunker(settings.chunkSize(), settings.chunkOverlap()),
        new MetadataFlattener(Json.MAPPER, MetadataFlattener.DEFAULT_MAX_BYTES),
        settings.embedding().model());
  }

  private static DocumentSource source(TaskContext context, PineconeSettings settings) {
    PineconeSettings.SourceSettings source = settings.source();
    DocumentFields fields =
        new DocumentFields(source.idField(), source.textFields(), source.metadataFields());
    if (source.type() == PineconeSettings.SourceType.JSONL) {
      return new JsonLinesSource(source.file().orElseThrow(), fields, Json.MAPPER);
    }
    MongoDatabase database = context.resource(source.resource(), MongoDatabase.class);
    return new MongoSource(database.getCollection(source.collection()), fields);
  }

  private static RecordStore recordStore(TaskContext context, PineconeSettings settings) {
    PineconeSettings.RecordSettings records = settings.records();
    if (records.type() == PineconeSettings.RecordStoreType.MONGODB) {
      MongoDatabase database = context.resource(records.resource(), MongoDatabase.class);
      return new MongoRecordStore(
          database.getCollection(records.collection()), settings.index(), settings.namespace());
    }
    return new FileRecordStore(
        context.dataDirectory(), settings.index(), settings.namespace(), Json.MAPPER);
  }

  private static String settingsFingerprint(PineconeSettings settings) {
    String identity =
        String.join(
            "\n",
            settings.index(),
            settings.namespace(),
            settings.indexHost().map(Object::toString).orElse(""),
            settings.embedding().model(),
            settings.mode().name(),
            String.valueOf(settings.chunkSize()),
            String.valueOf(settings.chunkOverlap()),
            String.join(",", settings.source().textFields()),
            String.join(",", settings.source().metadataFields()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String age(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.toDays() > 0) {
      return age.toDays() + "d " + age.toHoursPart() + "h";
    }
    return age.toHours() + "h " + age.toMinutesPart() + "m";
  }
}
