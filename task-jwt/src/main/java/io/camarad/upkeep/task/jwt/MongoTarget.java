package io.camarad.upkeep.task.jwt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.camarad.upkeep.api.TaskContext;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Keeps the JWK Set in one MongoDB document ({@code {_id, keys, activeKid, updatedAt}}), for
 * application servers that read their verification keys from the database.
 */
final class MongoTarget implements PublicationTarget {
  private final MongoCollection<Document> collection;
  private final String documentId;

  MongoTarget(MongoCollection<Document> collection, String documentId) {
    this.collection = collection;
    this.documentId = documentId;
  }

  @Override
  public String describe() {
    return "MongoDB document " + collection.getNamespace().getFullName() + "/" + documentId;
  }

  @Override
  public Optional<String> snapshot(TaskContext context) {
    return Optional.ofNullable(current()).map(Document::toJson);
  }

  @Override
  public boolean holds(TaskContext context, Publication publication) {
    Document current = current();
    return current != null && keysOf(publication.jwksJson()).equals(current.get("keys"));
  }

  @Override
  public Optional<String> publish(TaskContext context, Publication publication) {
    Document document =
        new Document("_id", documentId)
            .append("keys", keysOf(publication.jwksJson()))
            .append("activeKid", publication.activeKid().orElse(null))
            .append("updatedAt", Date.from(context.clock().instant()));
    replace(document);
    return Optional.empty();
  }

  @Override
  public void restore(
      TaskContext context,
      Optional<String> snapshot,
      Optional<String> receipt,
      Publication previous) {
    if (snapshot.isPresent()) {
      replace(Document.parse(snapshot.get()));
    } else {
      collection.deleteOne(Filters.eq("_id", documentId));
    }
  }

  private Document current() {
    return collection.find(Filters.eq("_id", documentId)).first();
  }

  private void replace(Document document) {
    collection.replaceOne(
        Filters.eq("_id", documentId), document, new ReplaceOptions().upsert(true));
  }

  private static List<?> keysOf(String jwksJson) {
    return Document.parse(jwksJson).getList("keys", Object.class);
  }
}
