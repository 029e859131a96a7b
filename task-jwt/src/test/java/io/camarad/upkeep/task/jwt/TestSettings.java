package io.camarad.upkeep.task.jwt;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings as the engine hands them over, built from protocol-like plain values: defaults from the
 * spec, {@code ${VAR}} secrets resolved from an environment, durations like {@code 10m}.
 */
final class TestSettings implements Settings {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

  private final String path;
  private final Map<String, Object> values;
  private final SettingsSpec spec;
  private final Map<String, String> environment;
  private final Path base;

  TestSettings(
      String path,
      Map<String, Object> values,
      SettingsSpec spec,
      Map<String, String> environment,
      Path base) {
    this.path = path;
    this.values = values;
    this.spec = spec;
    this.environment = environment;
    this.base = base;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(values.keySet());
    spec.settings().stream().filter(s -> s.defaultValue() != null).forEach(s -> keys.add(s.key()));
    return keys;
  }

  @Override
  public <T> Optional<T> find(String key, Class<T> type) {
    Object raw = values.containsKey(key) ? values.get(key) : defaultOf(key);
    if (raw == null) {
      return Optional.empty();
    }
    return Optional.of(type.cast(convert(key, raw, type)));
  }

  private Object defaultOf(String key) {
    return spec.setting(key).map(SettingSpec::defaultValue).orElse(null);
  }

  private Object convert(String key, Object raw, Class<?> type) {
    if (type.isInstance(raw)) {
      return raw;
    }
    String text = raw.toString();
    if (type == Duration.class) {
      Matcher m = SHORT_DURATION.matcher(text);
      if (!m.matches()) {
        return Duration.parse(text);
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (type == Secret.class) {
      Matcher m = REFERENCE.matcher(text);
      if (!m.matches() || !environment.containsKey(m.group(1))) {
        throw new IllegalArgumentException("secret '" + path + "." + key + "' is not set");
      }
      return Secret.of(m.group(1), environment.get(m.group(1)));
    }
    if (type == URI.class) {
      return URI.create(text);
    }
    if (type == Path.class) {
      return base.resolve(text);
    }
    if (type == Integer.class) {
      return Integer.valueOf(text);
    }
    throw new IllegalArgumentException("cannot read " + path + "." + key + " as " + type);
  }

  @Override
  public Settings section(String key) {
    Object raw = values.get(key);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = raw == null ? Map.of() : (Map<String, Object>) raw;
    return new TestSettings(path + "." + key, map, childSpec(key), environment, base);
  }

  @Override
  public List<Settings> sections(String key) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list =
        (List<Map<String, Object>>) values.getOrDefault(key, List.of());
    SettingsSpec child = childSpec(key);
    return list.stream()
        .<Settings>map(
            m ->
                new TestSettings(
                    path + "." + key + "." + list.indexOf(m), m, child, environment, base))
        .toList();
  }

  private SettingsSpec childSpec(String key) {
    return spec.setting(key).map(SettingSpec::children).orElse(SettingsSpec.empty());
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
    return new LinkedHashMap<>(values);
  }

  @Override
  public String origin(String key) {
    return values.containsKey(key) ? "test" : "default";
  }
}
