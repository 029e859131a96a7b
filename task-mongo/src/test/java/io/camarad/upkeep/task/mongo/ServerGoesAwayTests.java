package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ServerGoesAwayTests {
  @TempDir Path directory;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void serverThatStopsAnsweringCannotOutliveTheTaskDeadline() throws Exception {
    try (EmbeddedMongo mongo = new EmbeddedMongo();
        TcpProxy proxy = new TcpProxy(0, mongo.port());
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + proxy.port())) {
      TaskFixture fixture =
          new TaskFixture(
              new MongoTask(), client.getDatabase("camarad"), directory, MongoTaskTests.baseline());
      MongoTask task = new MongoTask();
      client.getDatabase("camarad").runCommand(new org.bson.Document("ping", 1));
      proxy.stall();
      TestTaskContext context =
          fixture.context("r1", RunMode.PLAN).timeLeft(Duration.ofMillis(1500));
      long start = System.nanoTime();

      assertThatThrownBy(() -> task.plan(context))
          .isInstanceOf(ServiceException.class)
          .hasMessageContaining("mongodb: ");
      // the client has no read timeout of its own: only the deadline can end the wait
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }
  }

  @Test
  void serverLostMidSeedFailsCleanlyAndTheNextRunConverges() throws Exception {
    Path seed =
        Files.writeString(
            directory.resolve("pages.jsonl"),
            IntStream.range(0, 5000)
                .mapToObj(i -> "{\"id\": \"p" + i + "\", \"title\": \"Page " + i + "\"}")
                .collect(Collectors.joining("\n")));
    Map<String, Object> settings =
        Map.of(
            "defaultIndexes",
            false,
            "collections",
            List.of(Map.of("name", "pages", "idField", "id", "seedFile", seed.toString())));
    try (EmbeddedMongo mongo = new EmbeddedMongo()) {
      TcpProxy proxy = new TcpProxy(0, mongo.port());
      int port = proxy.port();
      AtomicInteger updates = new AtomicInteger();
      CommandListener cutAfterTwoBatches =
          new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
              if (event.getCommandName().equals("update") && updates.incrementAndGet() == 2) {
                proxy.close();
              }
            }
          };
      try (MongoClient client =
          EmbeddedMongo.client("mongodb://127.0.0.1:" + port, cutAfterTwoBatches)) {
        TaskFixture fixture =
            new TaskFixture(new MongoTask(), client.getDatabase("camarad"), directory, settings);

        assertThatThrownBy(() -> fixture.apply("r1"))
            .isInstanceOf(ServiceException.class)
            .hasMessageStartingWith("mongodb: ")
            .hasMessageContaining("pages");
        assertThat(mongo.database().getCollection("pages").countDocuments()).isEqualTo(2000);

        try (TcpProxy restarted = new TcpProxy(port, mongo.port())) {
          assertThat(restarted.port())
              .as("the server is back where the client expects it")
              .isEqualTo(port);
          TaskOutcome second = fixture.apply("r2");

          assertThat(second.counts())
              .containsEntry("inserted", 3000L)
              .containsEntry("unchanged", 2000L);
          assertThat(mongo.database().getCollection("pages").countDocuments()).isEqualTo(5000);

          fixture.undo("r2");
          assertThat(mongo.database().getCollection("pages").countDocuments())
              .as("undo of r2 removes only what r2 inserted")
              .isEqualTo(2000);
        }
      }
    }
  }
}
