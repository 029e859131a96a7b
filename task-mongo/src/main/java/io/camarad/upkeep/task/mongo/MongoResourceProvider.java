package io.camarad.upkeep.task.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.Resource;
import io.camarad.upkeep.api.spi.ResourceProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens a real MongoDB deployment from a {@code mongodb://} or {@code mongodb+srv://} URI. The URI
 * may hold a password: it is never logged, and credentials are masked in every message. It does not
 * serve {@code uri: embedded}, which the distribution resolves with its in-process server.
 *
 * @since 0.1
 */
public final class MongoResourceProvider implements ResourceProvider {
  static final String EMBEDDED = "embedded";

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SettingsSpec.builder()
        .requiredString("uri", "mongodb:// or mongodb+srv:// connection string (or embedded)")
        .string("database", "camarad", "database name")
        .duration("connectTimeout", Duration.ofSeconds(10), "connect and server selection timeout")
        .build();
  }

  @Override
  public boolean accepts(Settings declaration) {
    return declaration
        .find("uri", String.class)
        .map(uri -> !EMBEDDED.equals(uri.strip()))
        .orElse(false);
  }

  @Override
  public Resource open(String name, ProviderContext context) {
    Settings settings = context.settings();
    ConnectionString uri = parse(name, settings.string("uri"));
    long timeout = settings.duration("connectTimeout").toMillis();
    MongoClient client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToSocketSettings(b -> b.connectTimeout(timeout, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(
                    b -> b.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
                .build());
    String database = settings.string("database");
    context
        .logger()
        .info(
            "Resource {}: MongoDB {} database {}",
            name,
            UriMasker.maskAll(uri.getConnectionString()),
            database);
    return new MongoResource(client, client.getDatabase(database));
  }

  private static ConnectionString parse(String name, String uri) {
    String trimmed = uri.strip();
    if (!trimmed.startsWith("mongodb://") && !trimmed.startsWith("mongodb+srv://")) {
      throw new IllegalArgumentException(
          "resource '"
              + name
              + "': uri must start with"
              + " mongodb:// or mongodb+srv:// (or be 'embedded'), got '"
              + UriMasker.maskAll(trimmed)
              + "'");
    }
    try {
      return new ConnectionString(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "resource '"
              + name
              + "': invalid MongoDB uri '"
              + UriMasker.maskAll(trimmed)
              + "': "
              + UriMasker.maskAll(e.getMessage())
              + "; check the host list and percent-encode special characters in the password");
    }
  }
}
