package io.camarad.upkeep.task.pinecone;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Records in a MongoDB collection, one document per vector, keyed by index, namespace and vector
 * id. Saving writes only what changed since loading, in ordered bulk writes.
 */
final class MongoRecordStore implements RecordStore {
  private static final int BULK = 1000;

  private final MongoCollection<Document> collection;
  private final String index;
  private final String namespace;

  MongoRecordStore(MongoCollection<Document> collection, String index, String namespace) {
    this.collection = collection;
    this.index = index;
    this.namespace = namespace;
  }

  @Override
  public String describe() {
    return collection.getNamespace().getFullName();
  }

  @Override
  public ChunkRecords load() {
    List<ChunkRecord> records = new ArrayList<>();
    Bson filter = Filters.and(Filters.eq("index", index), Filters.eq("namespace", namespace));
    for (Document doc : collection.find(filter).batchSize(BULK)) {
      records.add(
          new ChunkRecord(
              doc.getString("vectorId"),
              doc.getString("sourceId"),
              doc.getString("contentHash"),
              doc.getDate("writtenAt").toInstant()));
    }
    return new ChunkRecords(records);
  }

  @Override
  public void save(ChunkRecords records) {
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (ChunkRecord record : records.writtenSinceLoad()) {
      writes.add(
          new ReplaceOneModel<>(
              Filters.eq("_id", key(record.vectorId())),
              document(record),
              new ReplaceOptions().upsert(true)));
      flushIfFull(writes);
    }
    for (String vectorId : records.removedSinceLoad()) {
      writes.add(new DeleteOneModel<>(Filters.eq("_id", key(vectorId))));
      flushIfFull(writes);
    }
    flush(writes);
  }

  private void flushIfFull(List<WriteModel<Document>> writes) {
    if (writes.size() >= BULK) {
      flush(writes);
    }
  }

  private void flush(List<WriteModel<Document>> writes) {
    if (!writes.isEmpty()) {
      collection.bulkWrite(writes);
      writes.clear();
    }
  }

  private String key(String vectorId) {
    return index + "|" + namespace + "|" + vectorId;
  }

  private Document document(ChunkRecord record) {
    return new Document("_id", key(record.vectorId()))
        .append("index", index)
        .append("namespace", namespace)
        .append("vectorId", record.vectorId())
        .append("sourceId", record.sourceId())
        .append("contentHash", record.contentHash())
        .append("writtenAt", Date.from(record.writtenAt()));
  }
}
