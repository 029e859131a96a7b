package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.spi.ProviderContext;
import io.camarad.upkeep.api.spi.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedMongoProviderTests {
  @TempDir Path stateDir;

  private final EmbeddedMongoProvider provider = new EmbeddedMongoProvider();

  @Test
  void acceptsOnlyTheEmbeddedUriAndOutranksTheRealProvider() {
    assertThat(provider.type()).isEqualTo("mongodb");
    assertThat(provider.accepts(settings("embedded"))).isTrue();
    assertThat(provider.accepts(settings("mongodb://db.example:27017"))).isFalse();
    assertThat(provider.accepts(new MapSettings("resources.mongo", Map.of()))).isFalse();
    assertThat(provider.priority()).isGreaterThan(0);
  }

  @Test
  void declaresUriDatabaseAndConnectTimeout() {
    var spec = provider.settingsSpec();

    assertThat(spec.setting("uri")).hasValueSatisfying(s -> assertThat(s.required()).isTrue());
    assertThat(spec.setting("database"))
        .hasValueSatisfying(s -> assertThat(s.defaultValue()).isEqualTo("camarad"));
    assertThat(spec.setting("connectTimeout"))
        .hasValueSatisfying(s -> assertThat(s.defaultValue()).isEqualTo("PT10S"));
  }

  @Test
  void handsOutTheRealDriverOnTheNamedDatabase() throws Exception {
    try (Resource mongo = provider.open("mongo", context(settings("embedded", "site")))) {
      MongoDatabase database = mongo.unwrap(MongoDatabase.class).orElseThrow();
      MongoClient client = mongo.unwrap(MongoClient.class).orElseThrow();

      assertThat(database.getName()).isEqualTo("site");
      assertThat(client.listDatabaseNames().into(new ArrayList<>())).isNotNull();
      assertThat(mongo.unwrap(String.class)).isEmpty();
      assertThat(mongo.health().status()).isEqualTo(Health.Status.UP);
    }
  }

  @Test
  void keepsDataInTheStateDirectoryAcrossRuns() throws Exception {
    Instant modified = Instant.parse("2026-03-01T00:00:00Z");
    try (Resource mongo = provider.open("mongo", context(settings("embedded")))) {
      MongoCollection<Document> pages = pages(mongo);
      pages.createIndex(Indexes.ascending("platform", "command"), new IndexOptions());
      pages.replaceOne(
          new Document("_id", "common/tar"),
          new Document("_id", "common/tar").append("lastModified", Date.from(modified)),
          new ReplaceOptions().upsert(true));
    }

    assertThat(Files.size(stateDir.resolve("mongo/embedded.mv"))).isPositive();
    try (Resource mongo = provider.open("mongo", context(settings("embedded")))) {
      Document page = pages(mongo).find(new Document("_id", "common/tar")).first();
      List<Document> indexes = pages(mongo).listIndexes().into(new ArrayList<>());

      assertThat(page).isNotNull();
      assertThat(page.getDate("lastModified").toInstant()).isEqualTo(modified);
      assertThat(indexes).extracting(i -> i.getString("name")).contains("platform_1_command_1");
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDataFileWithAClearMessage() throws Exception {
    try (Resource first = provider.open("mongo", context(settings("embedded")))) {
      assertThatThrownBy(() -> provider.open("mongo", context(settings("embedded"))))
          .isInstanceOf(EmbeddedMongoException.class)
          .hasMessageContaining(stateDir.resolve("mongo/embedded.mv").toString())
          .hasMessageContaining("another camarad command");
      assertThat(first.health().status()).isEqualTo(Health.Status.UP);
    }
  }

  @Test
  void closingReleasesTheFileForTheNextOpen() throws Exception {
    provider.open("mongo", context(settings("embedded"))).close();

    try (Resource again = provider.open("mongo", context(settings("embedded")))) {
      assertThat(again.health().status()).isEqualTo(Health.Status.UP);
    }
  }

  private static MongoCollection<Document> pages(Resource mongo) {
    return mongo.unwrap(MongoDatabase.class).orElseThrow().getCollection("pages");
  }

  private static Settings settings(String uri) {
    return settings(uri, "camarad");
  }

  private static Settings settings(String uri, String database) {
    return new MapSettings(
        "resources.mongo",
        Map.of("uri", uri, "database", database, "connectTimeout", Duration.ofSeconds(5)));
  }

  private ProviderContext context(Settings settings) {
    return new ProviderContext() {
      @Override
      public Settings settings() {
        return settings;
      }

      @Override
      public Path stateDirectory() {
        return stateDir;
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public Logger logger() {
        return LoggerFactory.getLogger("test.mongo");
      }

      @Override
      public <T> T resource(String name, Class<T> type) {
        throw new IllegalArgumentException("no resource " + name);
      }
    };
  }
}
