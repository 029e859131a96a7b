package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a lock, state or resource provider gets from the engine. */
record EngineProviderContext(
    Settings settings,
    Path stateDirectory,
    Clock clock,
    ResourceRegistry resources,
    String loggerName)
    implements ProviderContext {

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger(loggerName);
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    return resources.get(name, type);
  }
}
