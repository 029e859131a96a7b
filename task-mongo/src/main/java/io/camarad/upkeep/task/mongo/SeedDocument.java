package io.camarad.upkeep.task.mongo;

import org.bson.Document;

/**
 * One baseline document and where it came from, for messages.
 *
 * @param document the document as read (Extended JSON types decoded)
 * @param source the file name, or "protocol" for inline documents
 * @param line the line it starts on (1-based), or the index of an inline document
 */
record SeedDocument(Document document, String source, long line) {

  String where() {
    return source + ":" + line;
  }
}
