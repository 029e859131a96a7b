package io.camarad.upkeep.api;

/**
 * A setting is wrong. Thrown by {@link UpkeepTask#validate(Settings)} and friends; the engine adds
 * the protocol file, line and column of {@link #key()}.
 *
 * @since 0.1
 */
public class SettingsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the key, relative to the section validated (dotted for nested keys: {@code
   *     collections.0.name})
   * @param message what is wrong and how to fix it; never include a secret value
   */
  public SettingsException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The offending key, relative to the section validated. */
  public String key() {
    return key;
  }
}
