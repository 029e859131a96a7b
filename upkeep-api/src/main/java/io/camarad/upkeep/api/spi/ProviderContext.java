package io.camarad.upkeep.api.spi;

import io.camarad.upkeep.api.Settings;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * What the engine hands a lock, state or resource provider.
 *
 * @since 0.1
 */
public interface ProviderContext {

  /** The provider's settings from the protocol, validated. */
  Settings settings();

  /** The run's state directory (default {@code .upkeep/} beside the protocol file). */
  Path stateDirectory();

  Clock clock();

  Logger logger();

  /**
   * A shared resource declared in the protocol, for providers that build on one (a MongoDB lock on
   * the {@code mongo} resource).
   *
   * @throws IllegalArgumentException if no such resource is declared or it has another type
   */
  <T> T resource(String name, Class<T> type);
}
