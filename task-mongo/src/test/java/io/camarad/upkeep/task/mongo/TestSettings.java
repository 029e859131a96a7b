package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.SettingType;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings over plain values with the spec's defaults, as the engine would hand them over. */
final class TestSettings implements Settings {
  private final String path;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final SettingsSpec spec;
  private final Path base;

  TestSettings(String path, Map<String, ?> given, SettingsSpec spec, Path base) {
    this.path = path;
    this.spec = spec;
    this.base = base;
    for (SettingSpec setting : spec.settings()) {
      if (setting.defaultValue() != null) {
        values.put(setting.key(), setting.defaultValue());
        origins.put(setting.key(), "default");
      }
    }
    given.forEach(
        (key, value) -> {
          if (spec.setting(key).isEmpty() && !spec.openEnded()) {
            throw new IllegalArgumentException("unknown setting " + path + "." + key);
          }
          values.put(key, value);
          origins.put(key, "test");
        });
  }

  static TestSettings of(Map<String, ?> given, SettingsSpec spec, Path base) {
    return new TestSettings("tasks.mongo", given, spec, base);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
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
    if (type == Duration.class) {
      return value instanceof Duration d ? d : parseDuration(value.toString());
    }
    if (type == Path.class) {
      return base.resolve(value.toString());
    }
    if (type == Long.class && value instanceof Number n) {
      return n.longValue();
    }
    if (type == Integer.class && value instanceof Number n) {
      return n.intValue();
    }
    if (type == URI.class) {
      return URI.create(value.toString());
    }
    if (type == Secret.class) {
      return Secret.of(key, value.toString());
    }
    return value;
  }

  static Duration parseDuration(String text) {
    if (text.startsWith("P")) {
      return Duration.parse(text);
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("bad duration " + text);
    };
  }

  @Override
  public Settings section(String key) {
    return child(key, values.getOrDefault(key, Map.of()));
  }

  @SuppressWarnings("unchecked")
  private Settings child(String key, Object value) {
    SettingsSpec children =
        spec.setting(key).map(SettingSpec::children).orElse(SettingsSpec.empty());
    return new TestSettings(path + "." + key, (Map<String, ?>) value, children, base);
  }

  @Override
  public List<Settings> sections(String key) {
    List<Settings> result = new ArrayList<>();
    Object value = values.get(key);
    if (value instanceof List<?> list) {
      for (Object element : list) {
        result.add(child(key, element));
      }
    }
    return result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    return (List<String>) values.getOrDefault(key, List.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    return (Map<String, Object>) values.getOrDefault(key, Map.of());
  }

  @Override
  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }

  @Override
  public String origin(String key) {
    return origins.getOrDefault(key, "default");
  }

  SettingType typeOf(String key) {
    return spec.setting(key).map(SettingSpec::type).orElse(SettingType.ANY);
  }
}
