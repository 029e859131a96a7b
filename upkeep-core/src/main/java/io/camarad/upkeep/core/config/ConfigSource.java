package io.camarad.upkeep.core.config;

import io.camarad.upkeep.core.config.ConfigNode.ListNode;
import io.camarad.upkeep.core.config.ConfigNode.MapNode;
import io.camarad.upkeep.core.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded protocol: the YAML document with the position of every value, the overrides given by
 * code or flags, and the environment ({@code .env} beside the file, overridden by the process
 * environment). Values are read and validated through {@link SettingsBinder}.
 *
 * <p>Precedence, highest first: overrides (code or flags), environment variables ({@code UPKEEP_}
 * followed by the setting's path in upper snake case), the protocol file, defaults.
 */
public final class ConfigSource {
  private final String fileName;
  private final Path baseDirectory;
  private final MapNode root;
  private final Map<String, String> environment;
  private final Map<String, String> environmentOrigins;
  private final SecretMasker masker = new SecretMasker();

  private ConfigSource(
      String fileName,
      Path baseDirectory,
      MapNode root,
      Map<String, String> environment,
      Map<String, String> environmentOrigins) {
    this.fileName = fileName;
    this.baseDirectory = baseDirectory;
    this.root = root;
    this.environment = Map.copyOf(environment);
    this.environmentOrigins = Map.copyOf(environmentOrigins);
  }

  /**
   * Loads a protocol file.
   *
   * @param protocolFile the YAML file
   * @param environment the process environment ({@code System.getenv()} in production)
   * @param overrides dotted paths to values, from code or {@code --set} flags
   * @throws ConfigurationException if the file is missing, unreadable, not valid YAML, or the
   *     {@code .env} beside it has bad lines
   */
  public static ConfigSource load(
      Path protocolFile, Map<String, String> environment, Map<String, String> overrides)
      throws ConfigurationException {
    Path file = protocolFile.toAbsolutePath().normalize();
    String name = String.valueOf(file.getFileName());
    List<ConfigProblem> problems = new ArrayList<>();
    if (Files.isDirectory(file)) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  file.toString(),
                  "",
                  "is a directory, not a protocol file; pass the file inside it, for example "
                      + file.resolve("cblm001.yaml"))));
    }
    MapNode root = readFile(file, name, problems);
    Map<String, String> dotEnv = DotEnv.read(file.resolveSibling(".env"), problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return assemble(name, file.getParent(), root, environment, dotEnv, overrides);
  }

  /**
   * A protocol given as plain values by embedding code (maps, lists, strings, numbers).
   *
   * @param name a name for messages, for example {@code "embedded protocol"}
   * @param baseDirectory the directory relative paths are resolved against
   */
  public static ConfigSource fromMap(
      String name, Path baseDirectory, Map<String, ?> values, Map<String, String> environment) {
    MapNode root = (MapNode) PlainValues.toNode(values, name, "");
    return assemble(
        name, baseDirectory.toAbsolutePath().normalize(), root, environment, Map.of(), Map.of());
  }

  private static ConfigSource assemble(
      String name,
      Path baseDirectory,
      MapNode root,
      Map<String, String> processEnv,
      Map<String, String> dotEnv,
      Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(dotEnv);
    Map<String, String> origins = new HashMap<>();
    dotEnv.keySet().forEach(k -> origins.put(k, ".env"));
    env.putAll(processEnv);
    processEnv.keySet().forEach(k -> origins.put(k, "environment"));
    MapNode withOverrides = root;
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      withOverrides = withOverride(withOverrides, override.getKey(), override.getValue());
    }
    return new ConfigSource(name, baseDirectory, withOverrides, env, origins);
  }

  private static MapNode readFile(Path file, String name, List<ConfigProblem> problems) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new ProtocolYaml(name, problems).read(reader);
    } catch (NoSuchFileException e) {
      problems.add(
          new ConfigProblem(
              file.toString(),
              "",
              "protocol file not found; create it (see cblm001.yaml in the README) or pass"
                  + " --protocol with the right path"));
    } catch (IOException | RuntimeException e) {
      problems.add(new ConfigProblem(file.toString(), "", "cannot read the file: " + e));
    }
    return new MapNode(Map.of(), name + ":1:1", false);
  }

  /** The protocol file's name, for messages. */
  public String fileName() {
    return fileName;
  }

  /** The directory relative paths in the protocol are resolved against. */
  public Path baseDirectory() {
    return baseDirectory;
  }

  /** The effective environment: the process environment over {@code .env}. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Where a variable came from: {@code "environment"} or {@code ".env"}. */
  Optional<String> environmentOrigin(String variable) {
    return Optional.ofNullable(environmentOrigins.get(variable));
  }

  /** The masker holding every secret resolved from this source. */
  public SecretMasker masker() {
    return masker;
  }

  /** The keys of the section at {@code dottedPath}, in file order; empty if there is none. */
  public List<String> keysAt(String dottedPath) {
    return node(dottedPath)
        .filter(MapNode.class::isInstance)
        .map(n -> List.copyOf(((MapNode) n).entries().keySet()))
        .orElse(List.of());
  }

  /** The size of the list at {@code dottedPath}; 0 if there is none. */
  public int sizeAt(String dottedPath) {
    return node(dottedPath)
        .filter(ListNode.class::isInstance)
        .map(n -> ((ListNode) n).items().size())
        .orElse(0);
  }

  /** Whether a value is written at {@code dottedPath} (an empty value counts). */
  public boolean has(String dottedPath) {
    return node(dottedPath).isPresent();
  }

  /** Where the value at {@code dottedPath} was written, or the nearest enclosing section. */
  public String locationOf(String dottedPath) {
    String path = dottedPath;
    while (!path.isEmpty()) {
      Optional<ConfigNode> found = node(path);
      if (found.isPresent()) {
        return keyLocation(path).orElse(found.get().location());
      }
      int dot = path.lastIndexOf('.');
      path = dot < 0 ? "" : path.substring(0, dot);
    }
    return root.location();
  }

  /** Where the key of a mapping entry was written, if the path ends in one. */
  private Optional<String> keyLocation(String dottedPath) {
    int dot = dottedPath.lastIndexOf('.');
    String parent = dot < 0 ? "" : dottedPath.substring(0, dot);
    String key = dottedPath.substring(dot + 1);
    return node(parent)
        .filter(MapNode.class::isInstance)
        .map(MapNode.class::cast)
        .filter(map -> map.keyLocations().containsKey(key))
        .map(map -> map.keyLocation(key));
  }

  /** The node at a dotted path; list items are addressed by index. */
  Optional<ConfigNode> node(String dottedPath) {
    if (dottedPath.isEmpty()) {
      return Optional.of(root);
    }
    ConfigNode current = root;
    for (String segment : dottedPath.split("\\.")) {
      current = child(current, segment);
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  private static ConfigNode child(ConfigNode node, String segment) {
    if (node instanceof MapNode map) {
      return map.entries().get(segment);
    }
    if (node instanceof ListNode list && segment.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(segment);
      return index < list.items().size() ? list.items().get(index) : null;
    }
    return null;
  }

  private static MapNode withOverride(MapNode root, String dottedPath, String value) {
    String[] segments = dottedPath.split("\\.");
    return (MapNode) replaceAt(root, segments, 0, value, dottedPath);
  }

  private static ConfigNode replaceAt(
      ConfigNode node, String[] segments, int index, String value, String path) {
    if (index == segments.length) {
      return new ScalarNode(value, "--set " + path, true);
    }
    String segment = segments[index];
    if (node instanceof ListNode list && segment.chars().allMatch(Character::isDigit)) {
      int at = Integer.parseInt(segment);
      if (at < list.items().size()) {
        List<ConfigNode> items = new ArrayList<>(list.items());
        items.set(at, replaceAt(items.get(at), segments, index + 1, value, path));
        return new ListNode(items, list.location(), list.overridden());
      }
    }
    Map<String, ConfigNode> entries =
        node instanceof MapNode map ? new LinkedHashMap<>(map.entries()) : new LinkedHashMap<>();
    ConfigNode existing = entries.get(segment);
    ConfigNode start = existing == null ? new MapNode(Map.of(), "--set " + path, true) : existing;
    entries.put(segment, replaceAt(start, segments, index + 1, value, path));
    if (node instanceof MapNode map) {
      return new MapNode(entries, map.keyLocations(), map.location(), map.overridden());
    }
    return new MapNode(entries, "--set " + path, true);
  }
}
