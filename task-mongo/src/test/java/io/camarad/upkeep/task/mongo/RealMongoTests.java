package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.spi.LockProvider.LockRequest;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.Resource;
import io.camarad.upkeep.api.spi.RunLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** Against a real MongoDB, when {@code UPKEEP_TEST_MONGODB_URI} names one; a scratch database. */
@EnabledIfEnvironmentVariable(named = "UPKEEP_TEST_MONGODB_URI", matches = ".+")
class RealMongoTests {
  @TempDir Path directory;
  private Resource resource;
  private MongoDatabase database;

  @BeforeEach
  void open() throws Exception {
    MongoResourceProvider provider = new MongoResourceProvider();
    String name = "upkeep_test_" + UUID.randomUUID().toString().substring(0, 8);
    resource =
        provider.open(
            "mongo",
            new TestProviderContext(
                TestSettings.of(
                    Map.of("uri", System.getenv("UPKEEP_TEST_MONGODB_URI"), "database", name),
                    provider.settingsSpec(),
                    directory),
                directory,
                Clock.systemUTC(),
                Map.of()));
    database = resource.unwrap(MongoDatabase.class).orElseThrow();
  }

  @AfterEach
  void dropScratchDatabase() throws Exception {
    database.drop();
    resource.close();
  }

  @Test
  void seedsIdempotentlyAndUndoes() throws Exception {
    TaskFixture fixture =
        new TaskFixture(new MongoTask(), database, directory, MongoTaskTests.baseline());
    fixture.apply("r1");

    assertThat(fixture.plan().summary()).startsWith("up to date");
    fixture.undo("r1");
    assertThat(database.getCollection("roles").countDocuments()).isZero();
  }

  @Test
  void conflictingIndexIsReportedBeforeTheServerRefusesIt() {
    database
        .getCollection("users")
        .createIndex(Indexes.ascending("email"), new IndexOptions().name("email_1"));

    assertThatThrownBy(
            () ->
                new TaskFixture(new MongoTask(), database, directory, MongoTaskTests.baseline())
                    .apply("r1"))
        .isInstanceOf(IndexConflictException.class);
  }

  @Test
  void healthAndServerClockLease() throws Exception {
    assertThat(resource.health().status()).isEqualTo(Health.Status.UP);
    MongoLockProvider provider = new MongoLockProvider();
    TestProviderContext context =
        new TestProviderContext(
            TestSettings.of(Map.of(), provider.settingsSpec(), directory),
            directory,
            Clock.systemUTC(),
            Map.of("mongo", database));
    try (RunLock lock =
        provider.acquire(context, new LockRequest("a", "h", 1, "r", Duration.ofMinutes(1)))) {
      assertThatThrownBy(
              () ->
                  new MongoLockProvider()
                      .acquire(context, new LockRequest("b", "h", 2, "r2", Duration.ofMinutes(1))))
          .isInstanceOf(LockUnavailableException.class);
      lock.renew();
    }
  }
}
