package io.camarad.upkeep.task.pinecone;

import java.util.Map;
import java.util.Objects;

/**
 * One document read from the source.
 *
 * @param id the document id, as found in the id field
 * @param text the text fields joined by blank lines, the input of chunking
 * @param metadata the metadata fields as read (nested values allowed; flattened later)
 */
record SourceDocument(String id, String text, Map<String, Object> metadata) {
  SourceDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(metadata);
  }
}
