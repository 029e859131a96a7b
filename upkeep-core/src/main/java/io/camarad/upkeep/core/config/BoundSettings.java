package io.camarad.upkeep.core.config;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Settings} bound from the protocol: converted values with their origins. Immutable. */
final class BoundSettings implements Settings {
  private final String path;
  private final Map<String, Object> values;
  private final Map<String, String> origins;

  BoundSettings(String path, Map<String, Object> values, Map<String, String> origins) {
    this.path = path;
    this.values = new LinkedHashMap<>(values);
    this.origins = Map.copyOf(origins);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(values.keySet());
  }

  @Override
  public <T> Optional<T> find(String key, Class<T> type) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    Object converted = convert(value, type);
    if (converted == null) {
      throw new IllegalArgumentException(
          "setting '"
              + PlainValues.join(path, key)
              + "' holds "
              + describe(value)
              + ", not "
              + type.getSimpleName());
    }
    return Optional.of(type.cast(converted));
  }

  private static Object convert(Object value, Class<?> type) {
    if (type.isInstance(value)) {
      return value;
    }
    if (type == Long.class && value instanceof Integer number) {
      return number.longValue();
    }
    if (type == Double.class && (value instanceof Integer || value instanceof Long)) {
      return ((Number) value).doubleValue();
    }
    if (type == Integer.class && value instanceof Long number && number == number.intValue()) {
      return number.intValue();
    }
    if (type == String.class && !(value instanceof Secret) && isScalar(value)) {
      return String.valueOf(value);
    }
    return null;
  }

  private static boolean isScalar(Object value) {
    return !(value instanceof Map || value instanceof List || value instanceof Settings);
  }

  private static String describe(Object value) {
    return value instanceof Secret ? "a secret" : "a " + value.getClass().getSimpleName();
  }

  @Override
  public Settings section(String key) {
    return find(key, Settings.class)
        .orElseGet(() -> new BoundSettings(PlainValues.join(path, key), Map.of(), Map.of()));
  }

  @Override
  public List<Settings> sections(String key) {
    return listOf(key, Settings.class);
  }

  @Override
  public List<String> strings(String key) {
    return listOf(key, String.class);
  }

  private <T> List<T> listOf(String key, Class<T> itemType) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "setting '"
              + PlainValues.join(path, key)
              + "' holds "
              + describe(value)
              + ", not a list");
    }
    return list.stream().map(itemType::cast).toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(
          "setting '" + PlainValues.join(path, key) + "' holds " + describe(value) + ", not a map");
    }
    return (Map<String, Object>) value;
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> plain = new LinkedHashMap<>();
    values.forEach((key, value) -> plain.put(key, plainOf(value)));
    return plain;
  }

  private static Object plainOf(Object value) {
    if (value instanceof BoundSettings nested) {
      return nested.asMap();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(BoundSettings::plainOf).toList();
    }
    return value;
  }

  @Override
  public String origin(String key) {
    return origins.getOrDefault(key, values.containsKey(key) ? "default" : "not set");
  }

  /** Adds one entry per leaf value, depth first. */
  void collect(List<SettingEntry> out) {
    values.forEach((key, value) -> collectOne(key, value, out));
  }

  private void collectOne(String key, Object value, List<SettingEntry> out) {
    String keyPath = PlainValues.join(path, key);
    if (value instanceof BoundSettings nested) {
      nested.collect(out);
    } else if (value instanceof List<?> list
        && !list.isEmpty()
        && list.get(0) instanceof BoundSettings) {
      list.forEach(item -> ((BoundSettings) item).collect(out));
    } else {
      out.add(new SettingEntry(keyPath, display(value), origin(key)));
    }
  }

  private static String display(Object value) {
    if (value instanceof Secret) {
      return SecretMasker.MASK;
    }
    if (value instanceof java.time.Duration duration) {
      return DurationFormat.format(duration);
    }
    return String.valueOf(plainOf(value));
  }

  @Override
  public String toString() {
    List<String> keys = new ArrayList<>(values.keySet());
    return "Settings[" + path + " " + keys + "]";
  }
}
