package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.Resource;
import io.camarad.upkeep.api.spi.ResourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serves {@code type: mongodb} resources declared with {@code uri: embedded}: an in-process
 * MongoDB-compatible server (mongo-java-server) whose data lives in {@code
 * <stateDir>/mongo/embedded.mv}, reached by the real MongoDB driver on a free port of 127.0.0.1. It
 * outranks the real MongoDB provider of {@code task-mongo}, which serves every other URI.
 *
 * @since 0.1
 */
public final class EmbeddedMongoProvider implements ResourceProvider {
  /** The {@code uri} value this provider accepts. */
  public static final String EMBEDDED = "embedded";

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .requiredString("uri", "'embedded' for the in-process server kept under the state dir")
        .string("database", "camarad", "the database handed to tasks")
        .duration("connectTimeout", Duration.ofSeconds(10), "how long to wait for the server")
        .build();
  }

  @Override
  public boolean accepts(Settings declaration) {
    return declaration.find("uri", String.class).map(EMBEDDED::equals).orElse(false);
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Resource open(String name, ProviderContext context) throws Exception {
    Settings settings = context.settings();
    Path file = dataFile(context.stateDirectory());
    String database = settings.find("database", String.class).orElse("camarad");
    Duration timeout =
        settings.find("connectTimeout", Duration.class).orElse(Duration.ofSeconds(10));
    EmbeddedMongo mongo = EmbeddedMongo.start(file, database, timeout);
    context
        .logger()
        .info("Resource '{}': embedded MongoDB on {} with data in {}", name, mongo.address(), file);
    return mongo;
  }

  /** {@code <stateDir>/mongo/embedded.mv}, with its directory created. */
  static Path dataFile(Path stateDirectory) throws java.io.IOException {
    Path directory = stateDirectory.resolve("mongo");
    Files.createDirectories(directory);
    return directory.resolve("embedded.mv");
  }
}
