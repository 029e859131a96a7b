package io.camarad.upkeep.core.config;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.SettingType;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.core.config.ConfigNode.ListNode;
import io.camarad.upkeep.core.config.ConfigNode.MapNode;
import io.camarad.upkeep.core.config.ConfigNode.ScalarNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Validates one section of the protocol against a {@link SettingsSpec} and binds it to {@link
 * Settings}: unknown keys (with a "did you mean"), types, required values, allowed values and
 * {@code ${VAR}} references. Never throws for bad input: every problem is added to the list given,
 * and the settings returned hold what could be bound plus defaults.
 */
public final class SettingsBinder {
  private final ConfigSource source;
  private final References references;

  public SettingsBinder(ConfigSource source) {
    this.source = source;
    this.references = new References(source);
  }

  /**
   * Binds the section at {@code path} (absent means empty).
   *
   * @param path the dotted path, {@code tasks.mongo.settings}
   * @param spec what the section may hold
   * @param problems where problems are added
   */
  public Settings bind(String path, SettingsSpec spec, List<ConfigProblem> problems) {
    return section(path, source.node(path).orElse(null), spec, problems);
  }

  /** The effective settings, flattened: one entry per value, secrets masked, with origins. */
  public static List<SettingEntry> entries(Settings settings) {
    List<SettingEntry> entries = new ArrayList<>();
    ((BoundSettings) settings).collect(entries);
    return entries;
  }

  private BoundSettings section(
      String path, ConfigNode node, SettingsSpec spec, List<ConfigProblem> problems) {
    Map<String, ConfigNode> given = sectionEntries(path, node, problems);
    reportUnknownKeys(path, node, given, spec, problems);
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (SettingSpec setting : spec.settings()) {
      bindOne(path, setting, given.get(setting.key()), values, origins, problems);
    }
    if (spec.openEnded()) {
      given.forEach((key, value) -> keepUndeclared(path, key, value, values, origins, problems));
    }
    return new BoundSettings(path, values, origins);
  }

  private Map<String, ConfigNode> sectionEntries(
      String path, ConfigNode node, List<ConfigProblem> problems) {
    if (node == null || node instanceof ScalarNode scalar && scalar.value() == null) {
      return Map.of();
    }
    if (node instanceof MapNode map) {
      return map.entries();
    }
    problems.add(
        new ConfigProblem(
            node.location(),
            path,
            "expected a section of 'key: value' lines, found " + ConfigNode.kindOf(node)));
    return Map.of();
  }

  private static void reportUnknownKeys(
      String path,
      ConfigNode node,
      Map<String, ConfigNode> given,
      SettingsSpec spec,
      List<ConfigProblem> out) {
    if (spec.openEnded()) {
      return;
    }
    List<String> known = spec.settings().stream().map(SettingSpec::key).toList();
    for (Map.Entry<String, ConfigNode> entry : given.entrySet()) {
      if (!known.contains(entry.getKey())) {
        out.add(
            new ConfigProblem(
                ((MapNode) node).keyLocation(entry.getKey()),
                PlainValues.join(path, entry.getKey()),
                "unknown key '"
                    + entry.getKey()
                    + "'"
                    + KeySuggestions.hint(entry.getKey(), known)));
      }
    }
  }

  private void keepUndeclared(
      String path,
      String key,
      ConfigNode node,
      Map<String, Object> values,
      Map<String, String> origins,
      List<ConfigProblem> problems) {
    if (!values.containsKey(key)) {
      values.put(key, references.plain(node, PlainValues.join(path, key), problems));
      origins.put(key, node.location());
    }
  }

  private void bindOne(
      String path,
      SettingSpec setting,
      ConfigNode given,
      Map<String, Object> values,
      Map<String, String> origins,
      List<ConfigProblem> problems) {
    String childPath = PlainValues.join(path, setting.key());
    ConfigNode chosen = choose(childPath, setting, given);
    if (chosen == null) {
      absent(childPath, setting, path, values, origins, problems);
      return;
    }
    Object value = convert(childPath, setting, chosen, problems);
    if (value != null) {
      values.put(setting.key(), value);
      origins.put(setting.key(), chosen.location());
    }
  }

  /** The node that wins by precedence: override, then environment, then file. */
  private ConfigNode choose(String childPath, SettingSpec setting, ConfigNode given) {
    boolean givenIsEmpty = given instanceof ScalarNode s && s.value() == null;
    if (given != null && given.overridden()) {
      return given;
    }
    if (isScalarType(setting.type())) {
      String variable = environmentName(childPath);
      String fromEnv = source.environment().get(variable);
      if (fromEnv != null) {
        return new ScalarNode(fromEnv, "environment variable " + variable, true);
      }
    }
    return givenIsEmpty ? null : given;
  }

  /** {@code tasks.mongo.batchSize} becomes {@code UPKEEP_TASKS_MONGO_BATCH_SIZE}. */
  public static String environmentName(String dottedPath) {
    String snake = dottedPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return "UPKEEP_" + snake.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static boolean isScalarType(SettingType type) {
    return switch (type) {
      case SECTION, SECTION_LIST, MAP, ANY -> false;
      default -> true;
    };
  }

  private void absent(
      String childPath,
      SettingSpec setting,
      String path,
      Map<String, Object> values,
      Map<String, String> origins,
      List<ConfigProblem> problems) {
    if (setting.required()) {
      problems.add(
          new ConfigProblem(
              source.locationOf(path),
              childPath,
              "missing required setting '"
                  + setting.key()
                  + "' ("
                  + setting.description()
                  + "); add it under '"
                  + (path.isEmpty() ? "the top level" : path)
                  + "'"));
      return;
    }
    Object value = defaultValue(childPath, setting, problems);
    if (value != null) {
      values.put(setting.key(), value);
      origins.put(setting.key(), "default");
    }
  }

  private Object defaultValue(String childPath, SettingSpec setting, List<ConfigProblem> out) {
    return switch (setting.type()) {
      case SECTION -> section(childPath, null, setting.children(), out);
      case SECTION_LIST -> List.of();
      case STRING_LIST -> setting.defaultValue() == null ? List.of() : setting.defaultValue();
      case MAP -> Map.of();
      default ->
          setting.defaultValue() == null
              ? null
              : convert(
                  childPath,
                  setting,
                  PlainValues.toNode(setting.defaultValue(), "default", ""),
                  out);
    };
  }

  private Object convert(
      String path, SettingSpec setting, ConfigNode node, List<ConfigProblem> problems) {
    return switch (setting.type()) {
      case SECTION -> section(path, node, setting.children(), problems);
      case SECTION_LIST -> sectionList(path, setting, node, problems);
      case MAP -> mapValue(path, node, problems);
      case ANY -> references.plain(node, path, problems);
      case STRING_LIST -> stringList(path, node, problems);
      default -> scalar(path, setting, node, problems);
    };
  }

  private List<BoundSettings> sectionList(
      String path, SettingSpec setting, ConfigNode node, List<ConfigProblem> problems) {
    if (!(node instanceof ListNode list)) {
      problems.add(
          new ConfigProblem(
              node.location(),
              path,
              "expected a list (lines starting with '- '), found " + ConfigNode.kindOf(node)));
      return List.of();
    }
    List<BoundSettings> items = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      items.add(section(path + "." + i, list.items().get(i), setting.children(), problems));
    }
    return items;
  }

  private Map<String, Object> mapValue(String path, ConfigNode node, List<ConfigProblem> out) {
    if (!(node instanceof MapNode)) {
      out.add(
          new ConfigProblem(
              node.location(), path, "expected a section, found " + ConfigNode.kindOf(node)));
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) references.plain(node, path, out);
    return plain;
  }

  private List<String> stringList(String path, ConfigNode node, List<ConfigProblem> out) {
    if (node instanceof ScalarNode scalar && scalar.value() instanceof String text) {
      String resolved = references.resolve(text, path, node.location(), out);
      return resolved.isBlank() ? List.of() : List.of(resolved.split("\\s*,\\s*"));
    }
    if (!(node instanceof ListNode list)) {
      out.add(
          new ConfigProblem(
              node.location(), path, "expected a list of words, found " + ConfigNode.kindOf(node)));
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (ConfigNode item : list.items()) {
      if (item instanceof ScalarNode scalar && scalar.value() != null) {
        items.add(references.resolve(String.valueOf(scalar.value()), path, item.location(), out));
      } else {
        out.add(
            new ConfigProblem(
                item.location(), path, "expected a word, found " + ConfigNode.kindOf(item)));
      }
    }
    return items;
  }

  private Object scalar(
      String path, SettingSpec setting, ConfigNode node, List<ConfigProblem> out) {
    if (!(node instanceof ScalarNode scalar)) {
      out.add(
          new ConfigProblem(
              node.location(),
              path,
              "expected " + expected(setting.type()) + ", found " + ConfigNode.kindOf(node)));
      return null;
    }
    Object raw = scalar.value();
    if (setting.type() == SettingType.SECRET) {
      return secret(path, raw, node, out);
    }
    int before = out.size();
    Object value =
        raw instanceof String text ? references.resolve(text, path, node.location(), out) : raw;
    if (out.size() > before) {
      return null; // an unset reference is the problem; its empty stand-in is not another one
    }
    Optional<Object> converted = ScalarConversions.convert(setting.type(), value, source);
    if (converted.isEmpty()) {
      out.add(
          new ConfigProblem(
              node.location(), path, ScalarConversions.whyNot(setting.type(), value)));
      return null;
    }
    checkAllowed(path, setting, converted.get(), node, out);
    return converted.get();
  }

  private Secret secret(String path, Object raw, ConfigNode node, List<ConfigProblem> out) {
    String text = String.valueOf(raw);
    String name = References.singleReference(text).orElse(path);
    String value = references.resolve(text, path, node.location(), out);
    source.masker().register(value);
    return Secret.of(name, value);
  }

  private static void checkAllowed(
      String path, SettingSpec setting, Object value, ConfigNode node, List<ConfigProblem> out) {
    if (setting.allowedValues().isEmpty() || setting.allowedValues().contains(value)) {
      return;
    }
    String given = String.valueOf(value);
    String hint =
        KeySuggestions.closest(given, setting.allowedValues())
            .map(c -> "; did you mean '" + c + "'?")
            .orElse("");
    out.add(
        new ConfigProblem(
            node.location(),
            path,
            "'" + given + "' is not one of " + String.join(", ", setting.allowedValues()) + hint));
  }

  static String expected(SettingType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "a whole number";
      case LONG -> "a whole number";
      case DECIMAL -> "a number";
      case BOOLEAN -> "true or false";
      case DURATION -> "a duration like 30s, 10m, 24h or 30d";
      case SECRET -> "a secret reference like ${API_KEY}";
      case URI -> "an absolute URL like https://host/path";
      case PATH -> "a file path";
      case STRING_LIST -> "a list of words";
      case SECTION -> "a section";
      case SECTION_LIST -> "a list of sections";
      case MAP -> "a section";
      case ANY -> "a value";
    };
  }

  /** Checks that a URI setting value is absolute. */
  static Optional<URI> absoluteUri(String text) {
    try {
      URI uri = new URI(text.strip());
      return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
