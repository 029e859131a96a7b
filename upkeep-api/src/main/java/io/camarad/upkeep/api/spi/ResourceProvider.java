package io.camarad.upkeep.api.spi;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;

/**
 * Opens shared resources declared in the protocol under {@code resources.<name>} with a {@code
 * type}. Several providers may serve one type (a real MongoDB and the embedded one); the engine
 * picks the accepting provider with the highest {@link #priority()}. Discovered with {@link
 * java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface ResourceProvider {

  /** The type named in the protocol, for example {@code mongodb}. */
  String type();

  /** The settings of a declaration beyond {@code type}. */
  default SettingsSpec settingsSpec() {
    return SettingsSpec.empty();
  }

  /** Whether this provider serves the declaration (for example only {@code uri: embedded}). */
  default boolean accepts(Settings declaration) {
    return true;
  }

  /** Higher wins among providers that accept a declaration. */
  default int priority() {
    return 0;
  }

  /**
   * Opens the resource. Called once per run, lazily, by the first task that asks for it.
   *
   * @param name the resource's name in the protocol
   */
  Resource open(String name, ProviderContext context) throws Exception;
}
