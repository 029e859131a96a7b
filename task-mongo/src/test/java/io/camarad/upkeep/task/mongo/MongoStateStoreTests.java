package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStateStoreTests {
  @TempDir Path directory;
  private final EmbeddedMongo mongo = new EmbeddedMongo();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));

  @AfterEach
  void stop() {
    mongo.close();
  }

  private StateStore open() {
    MongoStateStoreProvider provider = new MongoStateStoreProvider();
    return provider.open(
        new TestProviderContext(
            TestSettings.of(Map.of(), provider.settingsSpec(), directory),
            directory,
            clock,
            Map.of("mongo", mongo.database())));
  }

  @Test
  void savedStateIsLoadedBackByAnotherEngineWithKeysThatHoldDotsAndDollars() throws Exception {
    TaskStateRecord state =
        new TaskStateRecord(
            "mongo",
            Map.of("a.b", "1", "$c", "2"),
            Instant.parse("2026-12-01T03:05:00Z"),
            "run-1",
            Map.of("seed.pages", "abc"));
    open().save(state);

    assertThat(open().load("mongo")).contains(state);
    assertThat(open().load("jwt")).isEmpty();
    assertThat(mongo.database().getCollection("upkeep_state").countDocuments()).isEqualTo(1);
  }

  @Test
  void historyListsTheNewestRunsFirst() throws Exception {
    StateStore store = open();
    store.recordRun("run-1", "{\"n\":1}");
    clock.advance(Duration.ofMinutes(1));
    store.recordRun("run-2", "{\"n\":2}");
    clock.advance(Duration.ofMinutes(1));
    store.recordRun("run-3", "{\"n\":3}");

    assertThat(open().history(2)).containsExactly("{\"n\":3}", "{\"n\":2}");
  }
}
