package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A provider context for tests. */
record TestProviderContext(
    Settings settings, Path stateDirectory, Clock clock, Map<String, Object> resources)
    implements ProviderContext {

  static final String LOGGER = "upkeep.provider.test";

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger(LOGGER);
  }

  @Override
  public <T> T resource(String name, Class<T> type) {
    Object resource = resources.get(name);
    if (!type.isInstance(resource)) {
      throw new IllegalArgumentException("no resource '" + name + "' of type " + type);
    }
    return type.cast(resource);
  }
}
