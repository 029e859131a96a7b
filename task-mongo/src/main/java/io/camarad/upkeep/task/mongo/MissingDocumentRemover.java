package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.camarad.upkeep.api.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Deletes the stored documents whose natural key is not in the seed ({@code removeMissing}), after
 * writing them to a verified backup. Only called once the whole seed has been read, and never with
 * an empty seed (that would delete everything).
 */
final class MissingDocumentRemover {
  private final MongoCollection<Document> collection;
  private final CollectionConfig config;
  private final int batchSize;
  private final MongoCalls calls;
  private final Cancellation cancellation;

  MissingDocumentRemover(
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

  /** The {@code _id}s of stored documents whose key is not among {@code seedKeys}. Reads only. */
  List<Object> findMissing(Set<Object> seedKeys) throws Exception {
    if (seedKeys.isEmpty()) {
      throw new IllegalStateException(
          "collection '"
              + config.name()
              + "': removeMissing with an"
              + " empty seed would delete every document; add documents or turn removeMissing off");
    }
    return calls.run(
        "read keys of " + config.name(),
        () -> {
          List<Object> ids = new ArrayList<>();
          for (Document stored :
              collection
                  .find()
                  .projection(Projections.include(config.key()))
                  .batchSize(batchSize)) {
            if (!seedKeys.contains(SeedShaper.valueAt(stored, config.key()))) {
              ids.add(stored.get("_id"));
            }
          }
          return ids;
        });
  }

  /** Backs up, verifies, then deletes the documents; returns how many were deleted. */
  long remove(List<Object> ids, ChangeJournal journal) throws Exception {
    if (ids.isEmpty()) {
      return 0;
    }
    backUp(ids, journal);
    long deleted = 0;
    for (List<Object> batch : batches(ids)) {
      cancellation.throwIfCancelled();
      deleted +=
          calls.run(
              "delete documents missing from the seed of " + config.name(),
              () -> collection.deleteMany(Filters.in("_id", batch)).getDeletedCount());
    }
    return deleted;
  }

  private void backUp(List<Object> ids, ChangeJournal journal) throws Exception {
    BackupWriter backup = journal.openBackup(config.name());
    try {
      for (List<Object> batch : batches(ids)) {
        List<Document> documents =
            calls.run(
                "read documents to back up from " + config.name(),
                () -> collection.find(Filters.in("_id", batch)).into(new ArrayList<>()));
        for (Document document : documents) {
          backup.write(document);
        }
      }
    } catch (Exception e) {
      backup.abort();
      throw e;
    }
    BackupVerifier.verify(backup.finish());
  }

  private List<List<Object>> batches(List<Object> ids) {
    List<List<Object>> batches = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += batchSize) {
      batches.add(ids.subList(from, Math.min(from + batchSize, ids.size())));
    }
    return batches;
  }
}
