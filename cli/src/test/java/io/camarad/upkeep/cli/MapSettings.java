package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings backed by a map of already-typed values, for provider and notifier tests. */
record MapSettings(String path, Map<String, Object> values) implements Settings {
  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public <T> Optional<T> find(String key, Class<T> type) {
    Object value = values.get(key);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  @Override
  public Settings section(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Settings> sections(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> strings(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, Object> map(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public String origin(String key) {
    return "test";
  }
}
