package io.camarad.upkeep.task.mongo;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Canonical Extended JSON, so that backups and journals restore exact BSON types. */
final class ExtendedJson {
  static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ExtendedJson() {}

  static String write(Document document) {
    return document.toJson(CANONICAL);
  }
}
