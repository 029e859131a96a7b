package io.camarad.upkeep.core.config;

import io.camarad.upkeep.core.config.ConfigNode.ListNode;
import io.camarad.upkeep.core.config.ConfigNode.MapNode;
import io.camarad.upkeep.core.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:-fallback}} references from the environment and {@code
 * .env}. An unset variable without a fallback is a problem that names the variable and where it is
 * referenced, never a value.
 */
final class References {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final ConfigSource source;

  References(ConfigSource source) {
    this.source = source;
  }

  /** The variable name if {@code text} is exactly one reference, as in {@code ${API_KEY}}. */
  static Optional<String> singleReference(String text) {
    Matcher matcher = REFERENCE.matcher(text.strip());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code text} with every reference replaced; unset variables become problems. */
  String resolve(String text, String path, String location, List<ConfigProblem> problems) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = lookup(matcher, path, location, problems);
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  private String lookup(Matcher matcher, String path, String location, List<ConfigProblem> out) {
    String name = matcher.group(1);
    String value = source.environment().get(name);
    if (value != null) {
      return value;
    }
    if (matcher.group(2) != null) {
      return matcher.group(2);
    }
    out.add(
        new ConfigProblem(
            location,
            path,
            "references ${"
                + name
                + "}, which is not set; set "
                + name
                + " in the environment or in .env beside the protocol"));
    return "";
  }

  /** A node as plain values (maps, lists, scalars), with references resolved in strings. */
  Object plain(ConfigNode node, String path, List<ConfigProblem> problems) {
    if (node instanceof MapNode map) {
      Map<String, Object> values = new LinkedHashMap<>();
      map.entries().forEach((k, v) -> values.put(k, plain(v, PlainValues.join(path, k), problems)));
      return values;
    }
    if (node instanceof ListNode list) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        items.add(plain(list.items().get(i), path + "." + i, problems));
      }
      return items;
    }
    Object value = ((ScalarNode) node).value();
    return value instanceof String text ? resolve(text, path, node.location(), problems) : value;
  }
}
