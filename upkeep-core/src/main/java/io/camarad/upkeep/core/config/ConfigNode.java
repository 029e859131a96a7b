package io.camarad.upkeep.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One node of the protocol document, with where it came from. Maps keep the file's key order. */
sealed interface ConfigNode {

  /** Where the node was written: {@code cblm001.yaml:12:5}, {@code --set a.b}, ... */
  String location();

  /** Whether it was set by the embedding code or a command-line flag (highest precedence). */
  boolean overridden();

  /**
   * A mapping of keys to nodes.
   *
   * @param keyLocations where each key was written (for "unknown key" messages)
   */
  record MapNode(
      Map<String, ConfigNode> entries,
      Map<String, String> keyLocations,
      String location,
      boolean overridden)
      implements ConfigNode {
    public MapNode {
      entries = new LinkedHashMap<>(entries);
      keyLocations = Map.copyOf(keyLocations);
    }

    MapNode(Map<String, ConfigNode> entries, String location, boolean overridden) {
      this(entries, Map.of(), location, overridden);
    }

    /** Where {@code key} was written, or where its value was. */
    String keyLocation(String key) {
      return keyLocations.getOrDefault(key, entries.get(key).location());
    }
  }

  /** A sequence. */
  record ListNode(List<ConfigNode> items, String location, boolean overridden)
      implements ConfigNode {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /**
   * A scalar: a string, a number, a boolean, or {@code null}.
   *
   * @param value {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}
   */
  record ScalarNode(Object value, String location, boolean overridden) implements ConfigNode {}

  /** A short name of the node's kind, for messages. */
  static String kindOf(ConfigNode node) {
    if (node instanceof MapNode) {
      return "a section";
    }
    if (node instanceof ListNode) {
      return "a list";
    }
    Object value = ((ScalarNode) node).value();
    if (value == null) {
      return "an empty value";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value instanceof Number ? "a number" : "a string";
  }
}
