package io.camarad.upkeep.task.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.ServiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Brings one collection's baseline documents into the database: compares the seed with what is
 * stored (batch by batch, fetching stored documents by natural key) and writes only what differs,
 * as idempotent upserts in unordered bulk writes. A second run writes nothing.
 */
final class BaselineSeeder {
  private static final int SAMPLE_KEYS = 3;
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  private final MongoCollection<Document> collection;
  private final CollectionConfig config;
  private final int batchSize;
  private final MongoCalls calls;
  private final Cancellation cancellation;

  BaselineSeeder(
      MongoCollection<Document> collection,
      CollectionConfig config,
      int batchSize,
      MongoCalls calls,
      Cancellation cancellation) {
    this.collection = collection;
    this.config = config;
    this.batchSize = batchSize;
    this.calls = calls;
    this.cancellation = cancellation;
  }

  /** Counts what {@link #apply} would insert, update and leave alone. Reads only. */
  SeedCounts compare() throws Exception {
    Tally tally = new Tally();
    boolean empty = isEmpty();
    Set<Object> seedKeys = new HashSet<>();
    try (SeedBatches batches = SeedBatches.open(config, batchSize)) {
      for (List<Document> batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
        cancellation.throwIfCancelled();
        BatchDiff diff = diff(batch, batches.shaper(), empty);
        tally.add(diff, batches.shaper());
        rememberKeys(seedKeys, batch, batches.shaper());
      }
    }
    if (config.removeMissing()) {
      tally.deleted = remover().findMissing(seedKeys).size();
    }
    return tally.counts(config.name());
  }

  /**
   * Writes the baseline. In upsert mode the stored documents about to change are first written to a
   * verified backup; an update whose previous version is not in the backup is left for the next
   * run.
   */
  SeedCounts apply(ChangeJournal journal) throws Exception {
    Set<Object> backedUp = config.mode() == SeedMode.UPSERT ? backUpChanges(journal) : Set.of();
    Tally tally = new Tally();
    boolean empty = isEmpty();
    Set<Object> seedKeys = new HashSet<>();
    try (SeedBatches batches = SeedBatches.open(config, batchSize);
        InsertJournal inserted = journal.insertJournal(config.name())) {
      for (List<Document> batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
        cancellation.throwIfCancelled();
        rememberKeys(seedKeys, batch, batches.shaper());
        BatchDiff diff = diff(batch, batches.shaper(), empty);
        List<Document> updates = backedUpOnly(diff.updates(), backedUp, batches.shaper());
        int upserted = write(diff.inserts(), updates, inserted, batches.shaper());
        tally.add(
            new BatchDiff(diff.inserts(), updates, List.of(), diff.unchanged(), diff.kept()),
            batches.shaper());
        tally.insertedConcurrently(diff.inserts().size() - upserted);
      }
    }
    if (config.removeMissing()) {
      MissingDocumentRemover remover = remover();
      tally.deleted = remover.remove(remover.findMissing(seedKeys), journal);
    }
    return tally.counts(config.name());
  }

  /** Keeps the seed's keys only when stored documents missing from the seed are removed. */
  private void rememberKeys(Set<Object> keys, List<Document> batch, SeedShaper shaper) {
    if (config.removeMissing()) {
      batch.forEach(seed -> keys.add(shaper.keyOf(seed)));
    }
  }

  private MissingDocumentRemover remover() {
    return new MissingDocumentRemover(collection, config, batchSize, calls, cancellation);
  }

  private Set<Object> backUpChanges(ChangeJournal journal) throws Exception {
    Set<Object> keys = new HashSet<>();
    BackupWriter backup = null;
    try (SeedBatches batches = SeedBatches.open(config, batchSize)) {
      for (List<Document> batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
        cancellation.throwIfCancelled();
        BatchDiff diff = diff(batch, batches.shaper(), false);
        for (Document previous : diff.before()) {
          backup = backup == null ? journal.openBackup(config.name()) : backup;
          backup.write(previous);
          keys.add(SeedShaper.valueAt(previous, config.key()));
        }
      }
    } catch (Exception e) {
      if (backup != null) {
        backup.abort();
      }
      throw e;
    }
    if (backup != null) {
      BackupVerifier.verify(backup.finish());
    }
    return keys;
  }

  private static List<Document> backedUpOnly(
      List<Document> updates, Set<Object> backedUp, SeedShaper shaper) {
    return updates.stream().filter(seed -> backedUp.contains(shaper.keyOf(seed))).toList();
  }

  /**
   * Whether the collection holds no document: then every seed document is an insert and the lookups
   * by key are skipped (the first import of a large file). The upserts stay idempotent if someone
   * else writes meanwhile.
   */
  private boolean isEmpty() throws Exception {
    return calls.run(
        "read " + config.name(),
        () -> collection.find().projection(new Document("_id", 1)).limit(1).first() == null);
  }

  private BatchDiff diff(List<Document> batch, SeedShaper shaper, boolean emptyCollection)
      throws Exception {
    if (emptyCollection) {
      return BatchDiff.of(batch, Map.of(), shaper, config.mode());
    }
    List<Object> keys = batch.stream().map(shaper::keyOf).toList();
    List<Document> stored =
        calls.run(
            "read " + config.name() + " by " + config.key(),
            () ->
                collection
                    .find(Filters.in(config.key(), keys))
                    .batchSize(batchSize)
                    .into(new ArrayList<>()));
    Map<Object, Document> byKey = BatchDiff.byKey(stored, config.key());
    return BatchDiff.of(batch, byKey, shaper, config.mode());
  }

  /** Writes one batch; returns how many documents the server actually inserted. */
  private int write(
      List<Document> inserts, List<Document> updates, InsertJournal inserted, SeedShaper shaper)
      throws Exception {
    if (inserts.isEmpty() && updates.isEmpty()) {
      return 0;
    }
    List<WriteModel<Document>> models = new ArrayList<>(inserts.size() + updates.size());
    List<Object> keys = new ArrayList<>(inserts.size() + updates.size());
    for (Document seed : inserts) {
      inserted.record(shaper.keyOf(seed));
      models.add(insertModel(seed, shaper));
      keys.add(shaper.keyOf(seed));
    }
    inserted.flush();
    for (Document seed : updates) {
      models.add(updateModel(seed, shaper));
      keys.add(shaper.keyOf(seed));
    }
    BulkWriteResult result =
        calls.run("bulk write to " + config.name(), () -> bulkWrite(models, keys));
    checkCancelled(result);
    return result.getUpserts().size();
  }

  /** One unordered bulk write; refused writes are described by their natural keys. */
  private BulkWriteResult bulkWrite(List<WriteModel<Document>> models, List<Object> keys)
      throws ServiceException {
    try {
      return collection.bulkWrite(models, UNORDERED);
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().isEmpty()) {
        throw e;
      }
      throw WriteErrors.refusal(config.name(), config.key(), models.size(), e, keys::get);
    }
  }

  private void checkCancelled(BulkWriteResult result) throws CancelledException {
    if (!result.wasAcknowledged()) {
      throw new IllegalStateException(
          "bulk write to " + config.name() + " was not acknowledged; use a write concern w>=1");
    }
    cancellation.throwIfCancelled();
  }

  private UpdateOneModel<Document> insertModel(Document seed, SeedShaper shaper) {
    Document values = new Document(seed);
    if (!config.key().contains(".")) {
      values.remove(config.key());
    }
    return new UpdateOneModel<>(
        Filters.eq(config.key(), shaper.keyOf(seed)),
        new Document("$setOnInsert", values),
        new UpdateOptions().upsert(true));
  }

  private UpdateOneModel<Document> updateModel(Document seed, SeedShaper shaper) {
    Document values = new Document(seed);
    values.remove("_id");
    return new UpdateOneModel<>(
        Filters.eq(config.key(), shaper.keyOf(seed)), new Document("$set", values));
  }

  /** Sums batch diffs and keeps a few sample keys. */
  private static final class Tally {
    private long inserted;
    private long updated;
    private long unchanged;
    private long kept;
    private long deleted;
    private final List<String> samples = new ArrayList<>();

    /** Planned inserts that found their document already there (written meanwhile). */
    void insertedConcurrently(long count) {
      inserted -= count;
      unchanged += count;
    }

    void add(BatchDiff diff, SeedShaper shaper) {
      inserted += diff.inserts().size();
      updated += diff.updates().size();
      unchanged += diff.unchanged();
      kept += diff.kept();
      sample(diff.inserts(), shaper);
      sample(diff.updates(), shaper);
    }

    private void sample(List<Document> documents, SeedShaper shaper) {
      for (int i = 0; i < documents.size() && samples.size() < SAMPLE_KEYS; i++) {
        samples.add(String.valueOf(shaper.keyOf(documents.get(i))));
      }
    }

    SeedCounts counts(String collection) {
      return new SeedCounts(
          collection, inserted, updated, unchanged, kept, deleted, samples, false);
    }
  }
}
