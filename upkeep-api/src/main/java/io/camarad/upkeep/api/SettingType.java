package io.camarad.upkeep.api;

/**
 * The type of one setting, checked by the engine before anything runs.
 *
 * @since 0.1
 */
public enum SettingType {
  STRING,
  INTEGER,
  LONG,
  DECIMAL,
  BOOLEAN,
  /** {@code 30s}, {@code 10m}, {@code 24h}, {@code 30d}, or ISO-8601 {@code PT1H}. */
  DURATION,
  /** A {@code ${VAR}} reference resolved from the environment or {@code .env}. */
  SECRET,
  URI,
  /** A file path, relative to the protocol file's directory. */
  PATH,
  STRING_LIST,
  /** A nested section with its own spec. */
  SECTION,
  /** A list of nested sections, each with the same spec. */
  SECTION_LIST,
  /** A free-form map, not checked key by key. */
  MAP,
  /** Any plain value. */
  ANY
}
