package io.camarad.upkeep.task.pinecone;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

/** Documents from a MongoDB collection, streamed with a cursor in {@code _id} order. */
final class MongoSource implements DocumentSource {
  private final MongoCollection<Document> collection;
  private final DocumentFields fields;

  MongoSource(MongoCollection<Document> collection, DocumentFields fields) {
    this.collection = collection;
    this.fields = fields;
  }

  @Override
  public String describe() {
    return collection.getNamespace().getFullName();
  }

  @Override
  public void read(Sink sink) throws Exception {
    long read = 0;
    try (MongoCursor<Document> cursor = open()) {
      while (hasNext(cursor, read)) {
        Document raw = cursor.next();
        read++;
        SourceDocument document =
            fields
                .toDocument(raw)
                .orElseThrow(
                    () ->
                        new SourceReadException(
                            describe()
                                + ": document _id "
                                + raw.get("_id")
                                + " has no value in id field '"
                                + fields.idField()
                                + "'; fix the document or change the idField setting"));
        sink.accept(document);
      }
    }
  }

  private MongoCursor<Document> open() throws SourceReadException {
    try {
      return collection
          .find()
          .projection(Projections.include(fields.fieldNames()))
          .sort(Sorts.ascending("_id"))
          .batchSize(1000)
          .iterator();
    } catch (MongoException e) {
      throw new SourceReadException("cannot read " + describe() + ": " + e.getMessage(), e);
    }
  }

  private boolean hasNext(MongoCursor<Document> cursor, long read) throws SourceReadException {
    try {
      return cursor.hasNext();
    } catch (MongoException e) {
      throw new SourceReadException(
          "reading " + describe() + " failed after " + read + " documents: " + e.getMessage(), e);
    }
  }
}
