package io.camarad.upkeep.task.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Converts BSON documents to Jackson trees for JSON Schema validation: dates become ISO-8601
 * strings (so {@code format: date-time} applies), object ids hex strings, binaries base64.
 */
final class DocumentTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DocumentTrees() {}

  static ObjectNode toTree(Map<String, Object> document) {
    ObjectNode node = NODES.objectNode();
    document.forEach((key, value) -> node.set(key, toNode(value)));
    return node;
  }

  @SuppressWarnings("unchecked")
  private static JsonNode toNode(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Document || value instanceof Map) {
      return toTree((Map<String, Object>) value);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(element -> array.add(toNode(element)));
      return array;
    }
    return scalar(value);
  }

  private static JsonNode scalar(Object value) {
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Decimal128 number) {
      return NODES.numberNode(number.bigDecimalValue());
    }
    if (value instanceof Date date) {
      return NODES.textNode(date.toInstant().toString());
    }
    if (value instanceof ObjectId id) {
      return NODES.textNode(id.toHexString());
    }
    if (value instanceof Binary binary) {
      return NODES.textNode(Base64.getEncoder().encodeToString(binary.getData()));
    }
    return NODES.textNode(value.toString());
  }
}
