package io.camarad.upkeep.core.config;

import io.camarad.upkeep.core.config.ConfigNode.ListNode;
import io.camarad.upkeep.core.config.ConfigNode.MapNode;
import io.camarad.upkeep.core.config.ConfigNode.ScalarNode;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a protocol file into {@link ConfigNode}s, keeping the line and column of every value. Uses
 * SnakeYAML's node graph (not its object binding) so that no YAML tag can instantiate a class, and
 * so positions survive.
 */
final class ProtocolYaml {
  private final String fileName;
  private final List<ConfigProblem> problems;

  ProtocolYaml(String fileName, List<ConfigProblem> problems) {
    this.fileName = fileName;
    this.problems = problems;
  }

  /** The document's root, or an empty section if the file is empty or unreadable. */
  MapNode read(Reader reader) {
    Node root;
    try {
      root = new Yaml(loaderOptions()).compose(reader);
    } catch (MarkedYAMLException e) {
      problems.add(syntaxProblem(e));
      return emptyRoot();
    } catch (RuntimeException e) {
      problems.add(new ConfigProblem(fileName, "", "cannot read the file: " + e.getMessage()));
      return emptyRoot();
    }
    if (root == null) {
      return emptyRoot();
    }
    ConfigNode converted = convert(root, "");
    if (converted instanceof MapNode map) {
      return map;
    }
    problems.add(
        new ConfigProblem(
            converted.location(),
            "",
            "the protocol must be a YAML mapping of keys (name, tasks, ...), found "
                + ConfigNode.kindOf(converted)));
    return emptyRoot();
  }

  private MapNode emptyRoot() {
    return new MapNode(Map.of(), fileName + ":1:1", false);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by us, with both positions
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(16 * 1024 * 1024);
    return options;
  }

  private ConfigProblem syntaxProblem(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String where = mark == null ? fileName : locate(mark);
    String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
    return new ConfigProblem(
        where, "", "YAML syntax error: " + what + "; fix the indentation or quoting there");
  }

  private String locate(Mark mark) {
    return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  private ConfigNode convert(Node node, String path) {
    String where = locate(node.getStartMark());
    if (node instanceof MappingNode mapping) {
      return convertMapping(mapping, where, path);
    }
    if (node instanceof SequenceNode sequence) {
      List<ConfigNode> items = new ArrayList<>();
      List<Node> values = sequence.getValue();
      for (int i = 0; i < values.size(); i++) {
        items.add(convert(values.get(i), PlainValues.join(path, String.valueOf(i))));
      }
      return new ListNode(items, where, false);
    }
    var scalar = (org.yaml.snakeyaml.nodes.ScalarNode) node;
    return new ScalarNode(scalarValue(scalar), where, false);
  }

  private MapNode convertMapping(MappingNode mapping, String where, String path) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    Map<String, String> keyLocations = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode keyScalar)) {
        problems.add(
            new ConfigProblem(locate(keyNode.getStartMark()), path, "keys must be plain words"));
        continue;
      }
      String key = keyScalar.getValue();
      String keyPath = PlainValues.join(path, key);
      String keyWhere = locate(keyNode.getStartMark());
      if (entries.containsKey(key)) {
        problems.add(
            new ConfigProblem(
                keyWhere,
                keyPath,
                "duplicate key, first set at " + keyLocations.get(key) + "; keep only one"));
        continue;
      }
      entries.put(key, convert(tuple.getValueNode(), keyPath));
      keyLocations.put(key, keyWhere);
    }
    return new MapNode(entries, keyLocations, where, false);
  }

  private static Object scalarValue(org.yaml.snakeyaml.nodes.ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
    }
    if (Tag.INT.equals(tag)) {
      try {
        return Long.decode(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return Double.valueOf(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }
}
