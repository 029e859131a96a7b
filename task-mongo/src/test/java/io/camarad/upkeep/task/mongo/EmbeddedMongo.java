package io.camarad.upkeep.task.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The in-process MongoDB server with a real driver client that records every command it sends, so
 * that tests can count writes.
 */
final class EmbeddedMongo implements AutoCloseable {
  static final Set<String> WRITE_COMMANDS =
      Set.of("insert", "update", "delete", "createIndexes", "findAndModify", "dropIndexes");

  private final MongoServer server;
  private final MongoClient client;
  final List<String> commands = new CopyOnWriteArrayList<>();

  /** Each command as "name collection" ("find pages"), for commands that name one. */
  final List<String> targets = new CopyOnWriteArrayList<>();

  EmbeddedMongo() {
    this(new MongoServer(new MemoryBackend()), null);
  }

  private EmbeddedMongo(MongoServer server, Integer port) {
    this.server = server;
    InetSocketAddress address = port == null ? server.bind() : bindTo(server, port);
    this.client = client("mongodb://127.0.0.1:" + address.getPort(), recorder());
  }

  private static InetSocketAddress bindTo(MongoServer server, int port) {
    server.bind("127.0.0.1", port);
    return server.getLocalAddress();
  }

  int port() {
    return server.getLocalAddress().getPort();
  }

  MongoServer server() {
    return server;
  }

  private CommandListener recorder() {
    return new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
        org.bson.BsonValue target = event.getCommand().get(event.getCommandName());
        if (target != null && target.isString()) {
          targets.add(event.getCommandName() + " " + target.asString().getValue());
        }
      }
    };
  }

  /** A client with short timeouts, so that a server that went away fails fast. */
  static MongoClient client(String uri, CommandListener listener) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
            .applyToSocketSettings(
                b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
            .retryWrites(false)
            .addCommandListener(listener)
            .build());
  }

  MongoClient client() {
    return client;
  }

  MongoDatabase database() {
    return client.getDatabase("camarad");
  }

  long writeCommands() {
    return commands.stream().filter(WRITE_COMMANDS::contains).count();
  }

  void resetCommands() {
    commands.clear();
    targets.clear();
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
