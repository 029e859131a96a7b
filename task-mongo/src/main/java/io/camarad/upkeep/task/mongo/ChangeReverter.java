package io.camarad.upkeep.task.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;

/**
 * Undoes one run from its {@link ChangeJournal}: deletes the documents it inserted, restores the
 * documents it updated from their verified backup, and drops the indexes it created.
 */
final class ChangeReverter {
  private static final int INDEX_NOT_FOUND = 27;
  private static final int NAMESPACE_NOT_FOUND = 26;

  private final MongoDatabase database;
  private final ChangeJournal journal;
  private final MongoCalls calls;
  private final int batchSize;

  ChangeReverter(MongoDatabase database, ChangeJournal journal, MongoCalls calls, int batchSize) {
    this.database = database;
    this.journal = journal;
    this.calls = calls;
    this.batchSize = batchSize;
  }

  /** What undoing one collection did. */
  record Reverted(long deleted, long restored) {}

  /** Reverts one collection: deletes what the run inserted, restores what it updated. */
  Reverted revert(CollectionConfig collection) throws Exception {
    long deleted = deleteInserted(collection);
    return new Reverted(deleted, restoreUpdated(collection.name()));
  }

  /** Drops the indexes the run created; returns how many. */
  int dropCreatedIndexes() throws Exception {
    int dropped = 0;
    for (Document index : journal.createdIndexes()) {
      String collection = index.getString("collection");
      String name = index.getString("name");
      dropped +=
          calls.run(
              "drop index " + name + " on " + collection, () -> dropIfPresent(collection, name));
    }
    return dropped;
  }

  private int dropIfPresent(String collection, String name) {
    try {
      database.getCollection(collection).dropIndex(name);
      return 1;
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == INDEX_NOT_FOUND || e.getErrorCode() == NAMESPACE_NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  private long deleteInserted(CollectionConfig collection) throws Exception {
    long[] deleted = {0};
    InsertJournal.forEachBatch(
        journal.insertedKeysFile(collection.name()),
        batchSize,
        keys ->
            deleted[0] +=
                calls.run(
                    "delete inserted documents from " + collection.name(),
                    () ->
                        database
                            .getCollection(collection.name())
                            .deleteMany(Filters.in(collection.key(), keys))
                            .getDeletedCount()));
    return deleted[0];
  }

  /** Restores from every backup of the run, newest first, so the oldest (original) wins. */
  private long restoreUpdated(String collection) throws Exception {
    List<Path> backups = new ArrayList<>(journal.backupFiles(collection));
    for (Path backup : backups) {
      BackupVerifier.verifyRecorded(backup);
    }
    Collections.reverse(backups);
    long restored = 0;
    for (Path backup : backups) {
      restored += restore(collection, backup);
    }
    return restored;
  }

  private long restore(String collection, Path backup) throws Exception {
    long restored = 0;
    try (BufferedReader lines = BackupVerifier.lines(backup)) {
      List<WriteModel<Document>> batch = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Document previous = Document.parse(line);
        batch.add(
            new ReplaceOneModel<>(
                Filters.eq("_id", previous.get("_id")),
                previous,
                new ReplaceOptions().upsert(true)));
        if (batch.size() == batchSize) {
          restored += write(collection, batch);
          batch = new ArrayList<>();
        }
      }
      restored += write(collection, batch);
    }
    return restored;
  }

  private long write(String collection, List<WriteModel<Document>> batch) throws Exception {
    if (batch.isEmpty()) {
      return 0;
    }
    calls.run(
        "restore " + collection + " from backup",
        () ->
            database
                .getCollection(collection)
                .bulkWrite(batch, new BulkWriteOptions().ordered(false)));
    return batch.size();
  }
}
