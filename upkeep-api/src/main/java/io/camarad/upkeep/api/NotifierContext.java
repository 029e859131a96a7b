package io.camarad.upkeep.api;

import java.time.Clock;
import org.slf4j.Logger;

/**
 * What the engine hands a notifier.
 *
 * @since 0.1
 */
public interface NotifierContext {

  /** The notifier entry's settings, validated. */
  Settings settings();

  /** Retries and circuit breaking, as for tasks. */
  ServiceCalls services();

  Clock clock();

  Logger logger();

  /** The engine's version, for footers. */
  String engineVersion();
}
