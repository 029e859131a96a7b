package io.camarad.upkeep.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validated settings of a task, notifier or provider: one section of the protocol file, with {@code
 * ${VAR}} references resolved and defaults from the {@link SettingsSpec} filled in.
 *
 * <p>Typed getters convert on the way out; the engine has already checked types against the spec,
 * so a getter fails only for a key the spec does not declare or a value of another type. Supported
 * types: {@link String}, {@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link
 * Duration}, {@link Secret}, {@link URI}, {@link Path} (resolved against the protocol file's
 * directory), {@link Settings} (a nested section), and {@link List} and {@link Map} (plain values:
 * strings, numbers, booleans, lists and maps).
 *
 * @since 0.1
 */
public interface Settings {

  /** The dotted path of this section in the protocol, for messages: {@code tasks.mongo}. */
  String path();

  /** The keys present (given or defaulted). */
  Set<String> keys();

  /** Whether {@code key} has a value. */
  default boolean has(String key) {
    return keys().contains(key);
  }

  /**
   * The value of {@code key} as {@code type}, if present.
   *
   * @throws IllegalArgumentException if the value cannot be seen as {@code type}; the message names
   *     the key's path and the value's type (never a secret value)
   */
  <T> Optional<T> find(String key, Class<T> type);

  /**
   * The value of {@code key} as {@code type}.
   *
   * @throws IllegalArgumentException if it is absent or of another type
   */
  default <T> T get(String key, Class<T> type) {
    return find(key, type)
        .orElseThrow(
            () -> new IllegalArgumentException("missing setting '" + path() + "." + key + "'"));
  }

  default String string(String key) {
    return get(key, String.class);
  }

  default int integer(String key) {
    return get(key, Integer.class);
  }

  default long longValue(String key) {
    return get(key, Long.class);
  }

  default double decimal(String key) {
    return get(key, Double.class);
  }

  default boolean bool(String key) {
    return get(key, Boolean.class);
  }

  default Duration duration(String key) {
    return get(key, Duration.class);
  }

  default Secret secret(String key) {
    return get(key, Secret.class);
  }

  default URI uri(String key) {
    return get(key, URI.class);
  }

  default Path pathValue(String key) {
    return get(key, Path.class);
  }

  /** A nested section; an absent section is empty, with defaults filled in. */
  Settings section(String key);

  /** A list of nested sections. */
  List<Settings> sections(String key);

  /** A list of strings. */
  List<String> strings(String key);

  /** A free-form map (plain values), for example a JSON Schema or a document. */
  Map<String, Object> map(String key);

  /** The whole section as plain values, secrets included as {@link Secret}. */
  Map<String, Object> asMap();

  /**
   * Where {@code key} was set, for messages: {@code cblm001.yaml:12:5}, "environment variable
   * UPKEEP_...", or "default".
   */
  String origin(String key);
}
