package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerGoesAwayTests {
  @TempDir Path directory;

  @Test
  void serverLostMidSeedFailsCleanlyAndTheNextRunConverges() throws Exception {
    Path seed = Files.writeString(directory.resolve("pages.jsonl"), IntStream.range(0, 5000)
        .mapToObj(i -> "{\"id\": \"p" + i + "\", \"title\": \"Page " + i + "\"}")
        .collect(Collectors.joining("\n")));
    Map<String, Object> settings = Map.of("defaultIndexes", false, "collections", List.of(
        Map.of("name", "pages", "idField", "id", "seedFile", seed.toString())));
    try (EmbeddedMongo mongo = new EmbeddedMongo()) {
      TcpProxy proxy = new TcpProxy(0, mongo.port());
      int port = proxy.port();
      AtomicInteger updates = new AtomicInteger();
      CommandListener cutAfterTwoBatches = new CommandListener() {
        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
          if (event.getCommandName().equals("update") && updates.incrementAndGet() == 2) {
            proxy.close();
          }
        }
      };
      try (MongoClient client =
          EmbeddedMongo.client("mongodb://127.0.0.1:" + port, cutAfterTwoBatches)) {
        TaskFixture fixture = new TaskFixture(new MongoTask(), client.getDatabase("camarad"),
            directory, settings);

        assertThatThrownBy(() -> fixture.apply("r1")).isInstanceOf(ServiceException.class)
            .hasMessageStartingWith("mongodb: ").hasMessageContaining("pages");
        assertThat(mongo.database().getCollection("pages").countDocuments()).isEqualTo(2000);

        try (TcpProxy restarted = new TcpProxy(port, mongo.port())) {
          TaskOutcome second = fixture.apply("r2");

          assertThat(second.counts()).containsEntry("inserted", 3000L)
              .containsEntry("unchanged", 2000L);
          assertThat(mongo.database().getCollection("pages").countDocuments()).isEqualTo(5000);

          fixture.undo("r2");
          assertThat(mongo.database().getCollection("pages").countDocuments())
              .as("undo of r2 removes only what r2 inserted").isEqualTo(2000);
        }
      }
    }
  }
}
