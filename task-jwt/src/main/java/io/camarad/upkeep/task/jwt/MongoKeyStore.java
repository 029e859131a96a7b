package io.camarad.upkeep.task.jwt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Keeps the ring as one document of a MongoDB collection, replaced whole on every save (a
 * single-document write is atomic without transactions). Private keys are always sealed with the
 * key-encryption key before they reach the database.
 */
final class MongoKeyStore implements KeyStore {
  static final String RING_ID = "ring";

  private final MongoCollection<Document> collection;
  private final RingCodec codec;

  MongoKeyStore(MongoCollection<Document> collection, RingCodec codec) {
    if (!codec.encrypts()) {
      throw new IllegalArgumentException("the MongoDB key store needs a key-encryption key");
    }
    this.collection = collection;
    this.codec = codec;
  }

  @Override
  public String describe() {
    return "MongoDB collection " + collection.getNamespace().getFullName();
  }

  @Override
  public Optional<KeyRing> load() {
    Document document = collection.find(Filters.eq("_id", RING_ID)).first();
    if (document == null) {
      return Optional.empty();
    }
    Document ring = document.get("ring", Document.class);
    return Optional.of(codec.decode(ring.toJson(), describe()));
  }

  @Override
  public void save(KeyRing ring) {
    Document document =
        new Document("_id", RING_ID)
            .append("ring", Document.parse(codec.encode(ring)))
            .append("updatedAt", new Date());
    collection.replaceOne(Filters.eq("_id", RING_ID), document, new ReplaceOptions().upsert(true));
  }

  @Override
  public void delete() {
    collection.deleteOne(Filters.eq("_id", RING_ID));
  }
}
