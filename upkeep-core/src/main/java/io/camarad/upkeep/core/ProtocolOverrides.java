package io.camarad.upkeep.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies dotted-path overrides to a protocol given as plain values. */
final class ProtocolOverrides {
  private ProtocolOverrides() {}

  /** A deep copy of {@code values} with each override set at its dotted path. */
  static Map<String, Object> apply(Map<String, ?> values, Map<String, String> overrides) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy((Object) values);
    overrides.forEach((path, value) -> set(copy, path.split("\\."), 0, value));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object node, String[] path, int index, String value) {
    String key = path[index];
    boolean last = index == path.length - 1;
    if (node instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
      List<Object> items = (List<Object>) list;
      int at = Integer.parseInt(key);
      if (at < items.size()) {
        if (last) {
          items.set(at, value);
        } else {
          set(items.get(at), path, index + 1, value);
        }
      }
      return;
    }
    if (!(node instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> map = (Map<String, Object>) node;
    if (last) {
      map.put(key, value);
      return;
    }
    Object child = map.get(key);
    if (!(child instanceof Map<?, ?>) && !(child instanceof List<?>)) {
      child = new LinkedHashMap<String, Object>();
      map.put(key, child);
    }
    set(child, path, index + 1, value);
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }
}
