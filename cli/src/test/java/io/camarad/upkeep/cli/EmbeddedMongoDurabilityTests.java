package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed at any moment leaves in the embedded MongoDB's data file: the state after
 * the last acknowledged command, with documents and indexes that agree. A copy of the file taken
 * while the server still runs stands for the file a {@code kill -9} leaves behind.
 */
class EmbeddedMongoDurabilityTests {
  @TempDir Path dir;

  @Test
  void anAcknowledgedWriteIsInTheFileAtOnceWithItsIndexEntries() throws Exception {
    Path file = dir.resolve("embedded.mv");
    Path crashed = dir.resolve("crashed.mv");
    try (EmbeddedMongo running = EmbeddedMongo.start(file, "camarad", Duration.ofSeconds(10))) {
      MongoCollection<Document> pages = pages(running);
      pages.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true));
      pages.insertMany(documents(0, 500));

      Files.copy(file, crashed);
    }

    try (EmbeddedMongo reopened = EmbeddedMongo.start(crashed, "camarad", Duration.ofSeconds(10))) {
      MongoCollection<Document> pages = pages(reopened);
      assertThat(pages.countDocuments()).isEqualTo(500);
      assertThatThrownBy(() -> pages.insertMany(documents(499, 501)))
          .isInstanceOf(MongoBulkWriteException.class);
      pages.insertMany(documents(500, 510));
      assertThat(pages.countDocuments()).isEqualTo(510);
    }
  }

  @Test
  void aLargeWriteReachesTheFileInOneCommitAfterItsCommandNeverInTheMiddle() throws Exception {
    try (EmbeddedMongo running =
        EmbeddedMongo.start(dir.resolve("large.mv"), "camarad", Duration.ofSeconds(10))) {
      MongoCollection<Document> pages = pages(running);
      pages.insertOne(new Document("_id", "first"));
      long before = running.storeVersion();

      pages.insertMany(largeDocuments(1_000));

      // One commit for the whole command: a commit in its middle (the store's own, when its
      // unsaved memory grows) is what a kill -9 turns into a file whose index and documents
      // disagree.
      assertThat(running.storeVersion()).isEqualTo(before + 1);
    }
  }

  private static List<Document> largeDocuments(int count) {
    String text = "x".repeat(2_000);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(new Document("_id", "large-" + i).append("text", text + i));
    }
    return documents;
  }

  private static MongoCollection<Document> pages(EmbeddedMongo mongo) {
    return mongo
        .unwrap(com.mongodb.client.MongoDatabase.class)
        .orElseThrow()
        .getCollection("pages");
  }

  private static List<Document> documents(int from, int to) {
    List<Document> documents = new ArrayList<>();
    for (int i = from; i < to; i++) {
      documents.add(new Document("_id", "page-" + i).append("slug", "slug-" + i));
    }
    return documents;
  }
}
