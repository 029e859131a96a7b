package io.camarad.upkeep.task.mongo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.bson.Document;

/**
 * Shapes a seed document for its collection: copies {@code idField} into {@code _id}, stores the
 * date fields as BSON dates, and checks that the natural key is there.
 */
final class SeedShaper {
  private final CollectionConfig collection;

  SeedShaper(CollectionConfig collection) {
    this.collection = collection;
  }

  Document shape(SeedDocument seed) throws SeedFormatException {
    Document document = seed.document();
    if (collection.idField() != null) {
      copyId(seed, document);
    }
    for (String field : collection.dateFields()) {
      convertDate(seed, document, field);
    }
    if (keyOf(document) == null) {
      throw new SeedFormatException(
          seed.source(),
          seed.line(),
          "document has no value for the key '"
              + collection.key()
              + "' of collection '"
              + collection.name()
              + "'",
          "add the field to the document, or set key: to the field that identifies it");
    }
    return document;
  }

  /** The natural key value of a document (dotted keys reach into sub-documents). */
  Object keyOf(Document document) {
    return valueAt(document, collection.key());
  }

  static Object valueAt(Document document, String dottedPath) {
    Object current = document;
    for (String part : dottedPath.split("\\.")) {
      if (!(current instanceof Document sub)) {
        return null;
      }
      current = sub.get(part);
    }
    return current;
  }

  private void copyId(SeedDocument seed, Document document) throws SeedFormatException {
    Object id = document.get(collection.idField());
    if (id == null) {
      throw new SeedFormatException(
          seed.source(),
          seed.line(),
          "document has no '" + collection.idField() + "' to use as _id",
          "add the field, or remove idField from collection '" + collection.name() + "'");
    }
    Object existing = document.get("_id");
    if (existing != null && !existing.equals(id)) {
      throw new SeedFormatException(
          seed.source(),
          seed.line(),
          "document has both _id " + existing + " and " + collection.idField() + " " + id,
          "remove _id from the seed, or remove idField");
    }
    if (existing == null) {
      Document reordered = new Document("_id", id);
      reordered.putAll(document);
      document.clear();
      document.putAll(reordered);
    }
  }

  private static void convertDate(SeedDocument seed, Document document, String field)
      throws SeedFormatException {
    Object value = document.get(field);
    if (value instanceof String text) {
      document.put(field, Date.from(parseInstant(seed, field, text)));
    }
  }

  private static Instant parseInstant(SeedDocument seed, String field, String text)
      throws SeedFormatException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new SeedFormatException(
          seed.source(),
          seed.line(),
          "field '" + field + "' is not an ISO-8601 date-time: '" + text + "'",
          "write it as 2026-06-01T12:00:00Z, or remove it from dateFields");
    }
  }
}
