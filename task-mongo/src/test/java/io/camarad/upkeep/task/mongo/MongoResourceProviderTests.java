package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.spi.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MongoResourceProviderTests {
  private static final String PASSWORD = "pl4nted-S3cret";

  @TempDir Path directory;
  private final MongoResourceProvider provider = new MongoResourceProvider();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void stopCapture() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private TestProviderContext context(Map<String, ?> settings) {
    return new TestProviderContext(
        TestSettings.of(settings, provider.settingsSpec(), directory),
        directory,
        Clock.systemUTC(),
        Map.of());
  }

  private String allLogs() {
    StringBuilder text = new StringBuilder();
    logs.list.forEach(e -> text.append(e.getFormattedMessage()).append('\n'));
    return text.toString();
  }

  @Test
  void leavesEmbeddedToTheDistribution() {
    assertThat(provider.accepts(context(Map.of("uri", "embedded")).settings())).isFalse();
    assertThat(provider.accepts(context(Map.of("uri", "mongodb://h:27017")).settings())).isTrue();
  }

  @Test
  void opensARealConnectionSeenAsClientAndDatabase() throws Exception {
    try (EmbeddedMongo mongo = new EmbeddedMongo();
        Resource resource =
            provider.open(
                "mongo",
                context(
                    Map.of("uri", "mongodb://127.0.0.1:" + mongo.port(), "database", "shop")))) {
      MongoDatabase database = resource.unwrap(MongoDatabase.class).orElseThrow();
      database.getCollection("c").insertOne(new Document("x", 1));

      assertThat(database.getName()).isEqualTo("shop");
      assertThat(resource.unwrap(MongoClient.class)).isPresent();
      assertThat(resource.unwrap(String.class)).isEmpty();
      assertThat(resource.health().status()).isEqualTo(Health.Status.UP);
      assertThat(mongo.client().getDatabase("shop").getCollection("c").countDocuments())
          .isEqualTo(1);
    }
  }

  @Test
  void passwordInTheUriNeverReachesLogsOrMessages() throws Exception {
    String uri = "mongodb://admin:" + PASSWORD + "@127.0.0.1:1/?connectTimeoutMS=200";
    try (Resource resource =
        provider.open("mongo", context(Map.of("uri", uri, "connectTimeout", "1s")))) {
      Health health = resource.health();

      assertThat(health.status()).isEqualTo(Health.Status.DOWN);
      assertThat(health.detail()).doesNotContain(PASSWORD);
    }
    assertThat(allLogs()).contains("mongodb://****@127.0.0.1:1").doesNotContain(PASSWORD);
  }

  @Test
  void wrongSchemeIsRefusedWithTheCredentialsMasked() {
    assertThatThrownBy(
            () ->
                provider.open(
                    "mongo", context(Map.of("uri", "postgres://u:" + PASSWORD + "@db:5432"))))
        .hasMessageContaining("must start with mongodb:// or mongodb+srv://")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void maskerHidesPasswordsHoldingAtSignsAndSlashes() {
    assertThat(UriMasker.maskAll("uri 'mongodb://u:p@ss/w@h1,h2/db' failed"))
        .isEqualTo("uri 'mongodb://****@h1,h2/db' failed");
    assertThat(UriMasker.maskAll("mongodb+srv://u:x@cluster.example.net"))
        .isEqualTo("mongodb+srv://****@cluster.example.net");
  }

  @Test
  void malformedUriIsRefusedWithTheCredentialsMasked() {
    assertThatThrownBy(
            () ->
                provider.open(
                    "mongo", context(Map.of("uri", "mongodb://u:" + PASSWORD + "@host:notaport"))))
        .hasMessageContaining("invalid MongoDB uri 'mongodb://****@host:notaport'")
        .hasMessageNotContaining(PASSWORD);
  }
}
