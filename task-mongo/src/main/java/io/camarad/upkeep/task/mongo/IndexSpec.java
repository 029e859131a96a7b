package io.camarad.upkeep.task.mongo;

import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * A declared index: ordered keys ({@code -field} for descending) and the options that make two
 * indexes on the same keys different.
 *
 * @param name the index name; the MongoDB default ({@code email_1}) when not declared
 * @param keys the key document, in order
 * @param unique whether the index is unique
 * @param expireAfterSeconds the TTL in seconds, or {@code null} for none
 * @param partialFilter the partial filter expression, or {@code null} for none
 * @param sparse whether the index is sparse
 */
record IndexSpec(
    String name,
    Document keys,
    boolean unique,
    Long expireAfterSeconds,
    Document partialFilter,
    boolean sparse) {

  IndexSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keys, "keys");
  }

  /** Builds the key document from {@code ["platform", "-lastModified"]}. */
  static Document keysOf(List<String> fields) {
    Document keys = new Document();
    for (String field : fields) {
      if (field.startsWith("-")) {
        keys.append(field.substring(1), -1);
      } else {
        keys.append(field.startsWith("+") ? field.substring(1) : field, 1);
      }
    }
    return keys;
  }

  /** The name MongoDB gives an index by default: {@code platform_1_lastModified_-1}. */
  static String defaultName(Document keys) {
    StringBuilder name = new StringBuilder();
    keys.forEach(
        (field, direction) -> {
          if (name.length() > 0) {
            name.append('_');
          }
          name.append(field).append('_').append(direction);
        });
    return name.toString();
  }

  /** The definition as a document, in the shape {@code listIndexes} returns. */
  Document definition() {
    Document definition = new Document("name", name).append("key", keys);
    if (unique) {
      definition.append("unique", true);
    }
    if (sparse) {
      definition.append("sparse", true);
    }
    if (expireAfterSeconds != null) {
      definition.append("expireAfterSeconds", expireAfterSeconds);
    }
    if (partialFilter != null) {
      definition.append("partialFilterExpression", partialFilter);
    }
    return definition;
  }
}
