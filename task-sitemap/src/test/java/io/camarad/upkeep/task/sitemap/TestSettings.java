package io.camarad.upkeep.task.sitemap;

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

/** Map-backed settings with the spec's defaults, as the engine would bind them. */
final class TestSettings implements Settings {
  private final String path;
  private final Map<String, Object> values;
  private final SettingsSpec spec;
  private final Map<String, String> environment;

  TestSettings(
      String path, Map<String, ?> values, SettingsSpec spec, Map<String, String> environment) {
    this.path = path;
    this.values = new LinkedHashMap<>(values);
    this.spec = spec;
    this.environment = environment;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(values.keySet());
    for (SettingSpec setting : spec.settings()) {
      if (setting.defaultValue() != null) {
        keys.add(setting.key());
      }
    }
    return keys;
  }

  @Override
  public <T> Optional<T> find(String key, Class<T> type) {
    Object raw =
        values.containsKey(key)
            ? values.get(key)
            : spec.setting(key).map(SettingSpec::defaultValue).orElse(null);
    if (raw == null) {
      return Optional.empty();
    }
    return Optional.of(type.cast(convert(key, raw, type)));
  }

  private Object convert(String key, Object raw, Class<?> type) {
    String text = raw.toString();
    if (type == String.class) {
      return text;
    }
    if (type == Integer.class) {
      return raw instanceof Number n ? n.intValue() : Integer.parseInt(text);
    }
    if (type == Long.class) {
      return raw instanceof Number n ? n.longValue() : Long.parseLong(text);
    }
    if (type == Double.class) {
      return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
    }
    if (type == Boolean.class) {
      return raw instanceof Boolean b ? b : Boolean.parseBoolean(text);
    }
    if (type == URI.class) {
      return URI.create(text);
    }
    if (type == Path.class) {
      return raw instanceof Path p ? p : Path.of(text);
    }
    if (type == Duration.class) {
      return raw instanceof Duration d ? d : Duration.parse(text);
    }
    if (type == Secret.class) {
      return secret(key, text);
    }
    throw new IllegalArgumentException("type " + type + " for " + key);
  }

  private Secret secret(String key, String text) {
    if (text.startsWith("${") && text.endsWith("}")) {
      String variable = text.substring(2, text.length() - 1);
      String value = environment.get(variable);
      if (value == null) {
        throw new IllegalArgumentException("secret " + variable + " not set");
      }
      return Secret.of(variable, value);
    }
    return Secret.of(key, text);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Settings section(String key) {
    Object raw = values.get(key);
    SettingsSpec children =
        spec.setting(key).map(SettingSpec::children).orElse(SettingsSpec.empty());
    Map<String, ?> map = raw instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
    return new TestSettings(path + "." + key, map, children, environment);
  }

  @Override
  public List<Settings> sections(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Object raw = values.get(key);
    return raw == null ? List.of() : List.copyOf((List<String>) raw);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object raw = values.get(key);
    return raw == null ? Map.of() : (Map<String, Object>) raw;
  }

  @Override
  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }

  @Override
  public String origin(String key) {
    if (values.containsKey(key)) {
      return "test";
    }
    boolean defaulted = spec.setting(key).map(s -> s.defaultValue() != null).orElse(false);
    return defaulted ? "default" : "unset";
  }
}
