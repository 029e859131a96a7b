package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the engine would hand the notifier, for tests. */
record TestContext(Settings settings, ServiceCalls services, Clock clock, String engineVersion)
    implements NotifierContext {

  private static final Logger LOGGER = LoggerFactory.getLogger("upkeep.notifier.discord");

  @Override
  public Logger logger() {
    return LOGGER;
  }
}
