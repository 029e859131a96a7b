package io.camarad.upkeep.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.spi.Resource;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * A running embedded MongoDB: the H2 MVStore file, the server on a loopback port, and a driver
 * client connected to it. Closing it closes the client, stops the server and closes the store, in
 * that order, so that every write reaches the file.
 */
final class EmbeddedMongo implements Resource {
  private final Path file;
  private final H2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;
  private final MongoClient client;
  private final MongoDatabase database;

  private EmbeddedMongo(
      Path file,
      H2Backend backend,
      MongoServer server,
      InetSocketAddress address,
      MongoClient client,
      String database) {
    this.file = file;
    this.backend = backend;
    this.server = server;
    this.address = address;
    this.client = client;
    this.database = client.getDatabase(database);
  }

  /**
   * Opens the data file, starts the server on a free port of 127.0.0.1 and connects to it.
   *
   * @throws EmbeddedMongoException if the data file is held by another process or is unreadable
   */
  static EmbeddedMongo start(Path file, String database, Duration connectTimeout) {
    H2Backend backend = openBackend(file);
    MongoServer server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", 0);
      InetSocketAddress address = server.getLocalAddress();
      MongoClient client = MongoClients.create(clientSettings(address, connectTimeout));
      return new EmbeddedMongo(file, backend, server, address, client, database);
    } catch (RuntimeException e) {
      server.shutdownNow();
      backend.close();
      throw e;
    }
  }

  private static H2Backend openBackend(Path file) {
    try {
      return CommittingH2Backend.open(file);
    } catch (RuntimeException e) {
      throw new EmbeddedMongoException(
          "cannot open the embedded MongoDB data file "
              + file
              + ": "
              + e.getMessage()
              + " (is another camarad command using the same state"
              + " directory?)",
          e);
    }
  }

  private static MongoClientSettings clientSettings(
      InetSocketAddress address, Duration connectTimeout) {
    String uri = "mongodb://127.0.0.1:" + address.getPort() + "/?directConnection=true";
    long millis = connectTimeout.toMillis();
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applicationName("camarad")
        .applyToSocketSettings(s -> s.connectTimeout(millis, TimeUnit.MILLISECONDS))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
        .build();
  }

  /** How many times the data file was committed; for tests of when writes reach it. */
  long storeVersion() {
    return backend.getMvStore().getCurrentVersion();
  }

  /** The server's loopback address, for messages. */
  String address() {
    return "127.0.0.1:" + address.getPort();
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
    try {
      Document answer = database.runCommand(new Document("ping", 1));
      String detail = "embedded MongoDB (mongo-java-server) on " + address() + ", data in " + file;
      return Health.up(detail)
          .withFacts(Map.of("ok", String.valueOf(answer.get("ok")), "file", file.toString()));
    } catch (RuntimeException e) {
      return Health.down(
          "embedded MongoDB on " + address() + " does not answer: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      try {
        server.shutdownNow();
      } finally {
        backend.close();
      }
    }
  }
}
