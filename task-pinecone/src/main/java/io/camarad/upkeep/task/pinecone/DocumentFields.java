package io.camarad.upkeep.task.pinecone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw document (a map, from BSON or JSON) into a {@link SourceDocument}: the id field, the
 * text fields joined, and the metadata fields. Field names may be dotted to reach into nested
 * objects.
 */
final class DocumentFields {
  private final String idField;
  private final List<String> textFields;
  private final List<String> metadataFields;

  DocumentFields(String idField, List<String> textFields, List<String> metadataFields) {
    this.idField = idField;
    this.textFields = List.copyOf(textFields);
    this.metadataFields = List.copyOf(metadataFields);
  }

  /** All fields read, for projections. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    names.add(idField);
    names.addAll(textFields);
    names.addAll(metadataFields);
    return names;
  }

  /**
   * The document, or empty when it has no id.
   *
   * @param raw the document as plain values
   */
  Optional<SourceDocument> toDocument(Map<String, Object> raw) {
    Object id = lookup(raw, idField);
    if (id == null || id.toString().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SourceDocument(id.toString(), text(raw), metadata(raw)));
  }

  String idField() {
    return idField;
  }

  private String text(Map<String, Object> raw) {
    List<String> parts = new ArrayList<>();
    for (String field : textFields) {
      Object value = lookup(raw, field);
      if (value != null && !value.toString().isBlank()) {
        parts.add(value.toString().strip());
      }
    }
    return String.join("\n\n", parts);
  }

  private Map<String, Object> metadata(Map<String, Object> raw) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String field : metadataFields) {
      Object value = lookup(raw, field);
      if (value != null) {
        metadata.put(field, value);
      }
    }
    return metadata;
  }

  private static Object lookup(Map<String, Object> raw, String field) {
    if (raw.containsKey(field)) {
      return raw.get(field);
    }
    Object current = raw;
    for (String part : field.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
