package io.camarad.upkeep.core.config;

import io.camarad.upkeep.core.config.ConfigNode.ListNode;
import io.camarad.upkeep.core.config.ConfigNode.MapNode;
import io.camarad.upkeep.core.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between plain Java values (maps, lists, scalars) and {@link ConfigNode}s. */
final class PlainValues {
  private PlainValues() {}

  /** A node for a plain value given by code; its location is {@code name:path}. */
  static ConfigNode toNode(Object value, String name, String path) {
    String where = path.isEmpty() ? name : name + ":" + path;
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> entries.put(String.valueOf(k), toNode(v, name, join(path, String.valueOf(k)))));
      return new MapNode(entries, where, false);
    }
    if (value instanceof List<?> list) {
      List<ConfigNode> items = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        items.add(toNode(list.get(i), name, join(path, String.valueOf(i))));
      }
      return new ListNode(items, where, false);
    }
    return new ScalarNode(scalar(value), where, false);
  }

  private static Object scalar(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value == null || value instanceof Long || value instanceof Double) {
      return value;
    }
    return value instanceof Boolean ? value : String.valueOf(value);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
