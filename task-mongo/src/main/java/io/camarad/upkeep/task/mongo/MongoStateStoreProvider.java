package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.StateStoreProvider;

/**
 * Task state and run history in MongoDB (collections {@code upkeep_state} and {@code upkeep_runs}),
 * so that schedulers on several hosts share them.
 *
 * @since 0.1
 */
public final class MongoStateStoreProvider implements StateStoreProvider {

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .string("resource", "mongo", "the shared MongoDB resource declared under resources")
        .string("stateCollection", "upkeep_state", "collection of task states")
        .string("runsCollection", "upkeep_runs", "collection of run reports")
        .build();
  }

  @Override
  public StateStore open(ProviderContext context) {
    MongoDatabase database =
        context.resource(context.settings().string("resource"), MongoDatabase.class);
    return new MongoStateStore(
        database.getCollection(context.settings().string("stateCollection")),
        database.getCollection(context.settings().string("runsCollection")),
        context.clock());
  }
}
