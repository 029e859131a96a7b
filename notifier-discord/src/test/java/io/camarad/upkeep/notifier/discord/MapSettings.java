package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Settings as the engine hands them over: given values, with the spec's defaults filled in and
 * {@code ${VAR}} references of secrets resolved from an environment map. Enough of the engine's
 * behaviour for a notifier's tests, not a copy of it.
 */
final class MapSettings implements Settings {
  private final String path;
  private final SettingsSpec spec;
  private final Map<String, Object> values;
  private final Map<String, String> environment;

  private MapSettings(
      String path, SettingsSpec spec, Map<String, Object> given, Map<String, String> environment) {
    this.path = path;
    this.spec = spec;
    this.environment = environment;
    this.values = new LinkedHashMap<>();
    for (SettingSpec setting : spec.settings()) {
      if (setting.defaultValue() != null) {
        values.put(setting.key(), setting.defaultValue());
      }
    }
    for (String key : given.keySet()) {
      if (spec.setting(key).isEmpty()) {
        throw new IllegalArgumentException("unknown setting '" + path + "." + key + "'");
      }
    }
    values.putAll(given);
  }

  static MapSettings of(
      SettingsSpec spec, Map<String, Object> given, Map<String, String> environment) {
    return new MapSettings("notifiers.0", spec, given, environment);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    return new LinkedHashSet<>(values.keySet());
  }

  @Override
  public <T> Optional<T> find(String key, Class<T> type) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(type.cast(convert(key, value, type)));
  }

  private Object convert(String key, Object value, Class<?> type) {
    if (type == Duration.class && value instanceof String text) {
      return Duration.parse(text.startsWith("P") ? text : "PT" + text.toUpperCase());
    }
    if (type == Secret.class && value instanceof String text) {
      return secret(key, text);
    }
    if (type == URI.class && value instanceof String text) {
      return URI.create(text);
    }
    if (type == Path.class && value instanceof String text) {
      return Path.of(text);
    }
    return value;
  }

  private Secret secret(String key, String text) {
    if (text.startsWith("${") && text.endsWith("}")) {
      String name = text.substring(2, text.length() - 1);
      return Secret.of(name, environment.getOrDefault(name, ""));
    }
    return Secret.of(path + "." + key, text);
  }

  @Override
  public Settings section(String key) {
    SettingsSpec children = childSpec(key);
    Object value = values.get(key);
    return new MapSettings(path + "." + key, children, plain(value), environment);
  }

  @Override
  public List<Settings> sections(String key) {
    SettingsSpec children = childSpec(key);
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    List<?> list = (List<?>) value;
    return IntStream.range(0, list.size())
        .mapToObj(i -> (Settings) new MapSettings(
            path + "." + key + "." + i, children, plain(list.get(i)), environment))
        .toList();
  }

  private SettingsSpec childSpec(String key) {
    return spec.setting(key).map(SettingSpec::children).orElse(SettingsSpec.empty());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Object value = values.get(key);
    return value == null ? List.of() : List.copyOf((List<String>) value);
  }

  @Override
  public Map<String, Object> map(String key) {
    return plain(values.get(key));
  }

  @Override
  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }

  @Override
  public String origin(String key) {
    return values.containsKey(key) ? "test" : "default";
  }

}
