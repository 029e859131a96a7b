package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings from a plain map, checked against a spec: the test kit's stand-in until the engine's
 * configuration binder is available to it. Problems are collected, not thrown one by one.
 */
final class MapSettings implements Settings {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String path;
  private final Map<String, Object> values;

  private MapSettings(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** Everything the binding needs besides the values. */
  record Binding(Map<String, String> environment, Path baseDir, Consumer<String> secrets,
      List<String> problems) {}

  static MapSettings bind(String path, SettingsSpec spec, Map<String, ?> raw, Binding binding) {
    Map<String, Object> bound = new LinkedHashMap<>();
    raw.keySet().stream()
        .filter(k -> spec.setting(k).isEmpty() && !spec.openEnded())
        .forEach(k -> binding.problems().add(path + "." + k + ": unknown setting; known: "
            + spec.settings().stream().map(SettingSpec::key).toList()));
    for (SettingSpec setting : spec.settings()) {
      Object value = raw.containsKey(setting.key()) ? raw.get(setting.key()) : null;
      bindOne(path + "." + setting.key(), setting, value, binding)
          .ifPresent(v -> bound.put(setting.key(), v));
    }
    if (spec.openEnded()) {
      raw.forEach((k, v) -> bound.putIfAbsent(k, v));
    }
    return new MapSettings(path, bound);
  }

  private static Optional<Object> bindOne(
      String key, SettingSpec setting, Object value, Binding binding) {
    switch (setting.type()) {
      case SECTION:
        return Optional.of(bind(key, setting.children(), asMap(value), binding));
      case SECTION_LIST:
        return Optional.of(sectionList(key, setting, value, binding));
      default:
        break;
    }
    if (value == null) {
      value = setting.defaultValue();
      if (value == null) {
        if (setting.required()) {
          binding.problems().add(key + ": required setting is missing");
        }
        return Optional.empty();
      }
    }
    try {
      return Optional.ofNullable(convert(key, setting, value, binding));
    } catch (IllegalArgumentException e) {
      binding.problems().add(key + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static List<Settings> sectionList(
      String key, SettingSpec setting, Object value, Binding binding) {
    List<Settings> sections = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        sections.add(bind(key + "." + i, setting.children(), asMap(list.get(i)), binding));
      }
    }
    return sections;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static Object convert(String key, SettingSpec setting, Object value, Binding binding) {
    return switch (setting.type()) {
      case STRING -> allowed(setting, resolve(key, value.toString(), binding, false));
      case INTEGER -> value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString());
      case LONG -> value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
      case DECIMAL ->
          value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
      case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(value.toString());
      case DURATION -> parseDuration(value.toString());
      case SECRET -> Secret.of(key, resolve(key, value.toString(), binding, true));
      case URI -> URI.create(resolve(key, value.toString(), binding, false));
      case PATH -> binding.baseDir().resolve(value.toString());
      case STRING_LIST -> value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : List.of(value.toString());
      case MAP -> asMap(value);
      default -> value;
    };
  }

  private static String allowed(SettingSpec setting, String value) {
    if (!setting.allowedValues().isEmpty() && !setting.allowedValues().contains(value)) {
      throw new IllegalArgumentException("'" + value + "' is not one of "
          + setting.allowedValues());
    }
    return value;
  }

  private static boolean parseBoolean(String text) {
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("expected true or false, was '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  private static String resolve(String key, String text, Binding binding, boolean secret) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = binding.environment().get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("${" + m.group(1) + "} is not set; set the"
            + " environment variable " + m.group(1));
      }
      binding.secrets().accept(value);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (secret) {
      binding.secrets().accept(out.toString());
    }
    return out.toString();
  }

  static Duration parseDuration(String text) {
    Matcher m = SHORT_DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Duration.parse(text.trim());
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
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
    return Optional.of(cast(key, value, type));
  }

  private <T> T cast(String key, Object value, Class<T> type) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    Object converted =
        value instanceof Number n && type == Long.class ? (Object) n.longValue()
            : value instanceof Number n && type == Double.class ? (Object) n.doubleValue()
            : value instanceof Number n && type == Integer.class ? (Object) n.intValue()
            : value instanceof String s && type == Duration.class ? parseDuration(s)
            : null;
    if (converted == null) {
      throw new IllegalArgumentException("setting '" + path + "." + key + "' is a "
          + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(converted);
  }

  @Override
  public Settings section(String key) {
    return find(key, Settings.class).orElse(new MapSettings(path + "." + key, Map.of()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Settings> sections(String key) {
    return find(key, List.class).map(l -> (List<Settings>) l).orElse(List.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    return find(key, List.class).map(l -> (List<String>) l).orElse(List.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    return find(key, Map.class).map(m -> (Map<String, Object>) m).orElse(Map.of());
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, v instanceof Settings s ? s.asMap() : v));
    return copy;
  }

  @Override
  public String origin(String key) {
    return values.containsKey(key) ? "test harness" : "default";
  }
}
