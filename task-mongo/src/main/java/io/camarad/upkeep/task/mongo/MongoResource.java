package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.spi.Resource;
import java.util.Optional;

/** An open MongoDB connection, seen as a {@link MongoClient} or a {@link MongoDatabase}. */
final class MongoResource implements Resource {
  private final MongoClient client;
  private final MongoDatabase database;

  MongoResource(MongoClient client, MongoDatabase database) {
    this.client = client;
    this.database = database;
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    if (type.isInstance(database)) {
      return Optional.of(type.cast(database));
    }
    if (type.isInstance(client)) {
      return Optional.of(type.cast(client));
    }
    return Optional.empty();
  }

  @Override
  public Health health() {
    return MongoHealthProbe.probe(database);
  }

  @Override
  public void close() {
    client.close();
  }
}
