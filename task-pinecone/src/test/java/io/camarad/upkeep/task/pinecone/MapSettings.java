package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.SettingType;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings for tests and benchmarks, built from plain values as a protocol would give them:
 * defaults from the spec filled in, {@code ${VAR}} secrets resolved from a given environment,
 * durations such as {@code 24h} or {@code 10ms} parsed, unknown keys refused.
 */
public final class MapSettings implements Settings {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private final Map<String, Object> values = new LinkedHashMap<>();

  public MapSettings(SettingsSpec spec, Map<String, ?> given, Map<String, String> environment) {
    for (String key : given.keySet()) {
      if (spec.setting(key).isEmpty()) {
        throw new IllegalArgumentException("unknown setting '" + key + "'");
      }
    }
    for (SettingSpec setting : spec.settings()) {
      Object raw =
          given.containsKey(setting.key()) ? given.get(setting.key()) : setting.defaultValue();
      if (raw == null) {
        if (setting.required()) {
          throw new IllegalArgumentException("missing required setting '" + setting.key() + "'");
        }
        continue;
      }
      values.put(setting.key(), convert(setting, raw, environment));
    }
  }

  private static Object convert(SettingSpec setting, Object raw, Map<String, String> env) {
    SettingType type = setting.type();
    return switch (type) {
      case SECRET -> secret(setting.key(), raw.toString(), env);
      case DURATION -> parseDuration(raw.toString());
      case URI -> URI.create(raw.toString());
      case PATH -> Path.of(raw.toString());
      case INTEGER -> ((Number) raw).intValue();
      case LONG -> ((Number) raw).longValue();
      case DECIMAL -> ((Number) raw).doubleValue();
      default -> raw;
    };
  }

  private static Secret secret(String key, String raw, Map<String, String> env) {
    Matcher matcher = REFERENCE.matcher(raw);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("secret '" + key + "' must be a ${VAR} reference");
    }
    String name = matcher.group(1);
    return Secret.of(name, env.getOrDefault(name, ""));
  }

  static Duration parseDuration(String raw) {
    if (raw.startsWith("P")) {
      return Duration.parse(raw);
    }
    Matcher matcher = DURATION.matcher(raw);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + raw);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  @Override
  public String path() {
    return "tasks.pinecone.settings";
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
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "setting '" + key + "' is a " + value.getClass().getSimpleName() + ", not " + type);
    }
    return Optional.of(type.cast(value));
  }

  @Override
  public Settings section(String key) {
    throw new UnsupportedOperationException("no sections");
  }

  @Override
  public List<Settings> sections(String key) {
    throw new UnsupportedOperationException("no sections");
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
    return "test";
  }
}
