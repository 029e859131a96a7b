package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresh on real data: the two tldr-pages snapshots (270 pages added, 9 removed, 361 changed
 * between them), read from the JSON-lines files and from MongoDB.
 */
class CorpusRefreshTests {
  private static final List<String> TEXT_FIELDS = List.of("title", "summary", "markdown");

  /** The change set does not depend on the dimension; a small one keeps the tests quick. */
  private static final int DIMENSION = 64;

  @TempDir Path dir;

  private Fixture corpusFixture() throws java.io.IOException {
    return new Fixture(
        dir,
        DIMENSION,
        DIMENSION,
        Map.of("chunkSize", 600, "chunkOverlap", 60, "dimension", DIMENSION));
  }

  @Test
  void secondSnapshotEmbedsExactlyTheAddedAndChangedPagesAndDeletesTheRemovedOnes()
      throws Exception {
    try (Fixture f = corpusFixture()) {
      RunResult first = f.harness(snapshot(Corpus.FIRST), Map.of()).apply();
      assertThat(first.status()).isEqualTo(TaskStatus.APPLIED);
      assertThat(first.outcome().counts()).containsEntry("documents_added", 6243L);

      f.fake.clearEmbeddedTexts();
      TaskHarness second = f.harness(snapshot(Corpus.SECOND), Map.of());
      RunResult result = second.apply();

      assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
      assertExpectedChanges(f, result.outcome().counts(), result.usage());
      f.assertSpecRespected();
      assertThat(second.logs()).isNotEmpty().noneMatch(l -> l.contains(Fixture.API_KEY));
    }
  }

  @Test
  void thirdRunOnTheSameSnapshotEmbedsNothing() throws Exception {
    try (Fixture f = corpusFixture()) {
      assertThat(f.harness(snapshot(Corpus.SECOND), Map.of()).apply().status())
          .isEqualTo(TaskStatus.APPLIED);
      int embedCalls = f.fake.calls(FakePinecone.Op.EMBED);
      int upsertCalls = f.fake.calls(FakePinecone.Op.UPSERT);

      RunResult third = f.harness(snapshot(Corpus.SECOND), Map.of()).apply();

      assertThat(third.status()).isEqualTo(TaskStatus.UP_TO_DATE);
      assertThat(third.plan().summary()).startsWith("up to date");
      assertThat(f.fake.calls(FakePinecone.Op.EMBED)).isEqualTo(embedCalls);
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isEqualTo(upsertCalls);
    }
  }

  @Test
  void mongoSourceAndMongoRecordsGiveTheSameChangeSet() throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    try (MongoClient client = MongoClients.create("mongodb://" + address(server));
        Fixture f = corpusFixture()) {
      MongoDatabase database = client.getDatabase("camarad");
      Map<String, Object> mongo = Map.of("source", "mongodb", "records", "mongodb");
      MongoCollection<Document> pages = database.getCollection("pages");
      load(pages, Corpus.FIRST);
      assertThat(f.harness(mongo, Map.of("mongo", database)).apply().status())
          .isEqualTo(TaskStatus.APPLIED);

      f.fake.clearEmbeddedTexts();
      pages.drop();
      load(pages, Corpus.SECOND);
      RunResult second = f.harness(mongo, Map.of("mongo", database)).apply();

      assertThat(second.status()).isEqualTo(TaskStatus.APPLIED);
      assertExpectedChanges(f, second.outcome().counts(), second.usage());
      assertThat(database.getCollection("pinecone_records").countDocuments())
          .isEqualTo(f.fake.vectors("").size());
      assertThat(f.harness(mongo, Map.of("mongo", database)).apply().status())
          .isEqualTo(TaskStatus.UP_TO_DATE);
    } finally {
      server.shutdownNow();
    }
  }

  private static Map<String, Object> snapshot(String name) {
    return Map.of("file", Corpus.file(name).toString());
  }

  private static String address(MongoServer server) {
    var socket = server.bind();
    return socket.getHostString() + ":" + socket.getPort();
  }

  /** Loads a snapshot as the MongoDB task does: _id = id, lastModified as a BSON date. */
  private static void load(MongoCollection<Document> pages, String snapshot) {
    List<Document> documents = new ArrayList<>();
    for (Map<String, Object> line : Corpus.lines(Corpus.file(snapshot))) {
      Document document = new Document(line);
      document.put("_id", line.get("id"));
      document.put("lastModified", Date.from(Instant.parse(line.get("lastModified").toString())));
      documents.add(document);
    }
    pages.insertMany(documents);
  }

  /**
   * The change set, worked out from the raw snapshots: added pages are ids only in the second,
   * removed only in the first, changed those whose fields differ. Every chunk of an added or
   * changed page is embedded (its metadata changed with it), nothing else; the vectors deleted are
   * those of chunk ids that exist only in the first snapshot.
   */
  private static void assertExpectedChanges(
      Fixture f, Map<String, Long> counts, Map<String, Long> usage) {
    Map<String, Map<String, Object>> before = Corpus.pages(Corpus.FIRST);
    Map<String, Map<String, Object>> after = Corpus.pages(Corpus.SECOND);
    Set<String> added = difference(after.keySet(), before.keySet());
    Set<String> removed = difference(before.keySet(), after.keySet());
    Set<String> changed =
        after.keySet().stream()
            .filter(id -> before.containsKey(id) && !Objects.equals(before.get(id), after.get(id)))
            .collect(Collectors.toSet());
    assertThat(added).hasSize(270);
    assertThat(removed).hasSize(9);
    assertThat(changed).hasSize(361);

    DocumentChunker chunker = chunker();
    List<String> expectedTexts = new ArrayList<>();
    Set<String> addedOrChanged = new HashSet<>(added);
    addedOrChanged.addAll(changed);
    for (String id : addedOrChanged) {
      chunker.chunks(document(after.get(id))).forEach(c -> expectedTexts.add(c.text()));
    }
    assertThat(f.fake.embeddedTexts()).containsExactlyInAnyOrderElementsOf(expectedTexts);

    Set<String> idsBefore = chunkIds(chunker, before);
    Set<String> idsAfter = chunkIds(chunker, after);
    assertThat(f.fake.deletedIds())
        .containsExactlyInAnyOrderElementsOf(difference(idsBefore, idsAfter));
    assertThat(f.fake.deletedIds().stream().map(CorpusRefreshTests::sourceOf))
        .containsAll(removed.stream().map(VectorIds::safeDocumentId).toList());
    assertThat(f.fake.vectors("").keySet()).isEqualTo(idsAfter);

    assertThat(counts)
        .containsEntry("documents_added", 270L)
        .containsEntry("documents_updated", 361L)
        .containsEntry("documents_deleted", 9L)
        .containsEntry("documents_unchanged", (long) after.size() - 270 - 361);
    assertThat(usage)
        .containsEntry("documents_embedded", 631L)
        .containsEntry("vectors_written", (long) expectedTexts.size())
        .containsEntry("vectors_deleted", (long) difference(idsBefore, idsAfter).size());
  }

  private static String sourceOf(String vectorId) {
    return vectorId.substring(0, vectorId.lastIndexOf('#'));
  }

  private static Set<String> chunkIds(
      DocumentChunker chunker, Map<String, Map<String, Object>> pages) {
    Set<String> ids = new HashSet<>();
    pages.values().forEach(p -> chunker.chunks(document(p)).forEach(c -> ids.add(c.vectorId())));
    return ids;
  }

  private static DocumentChunker chunker() {
    return new DocumentChunker(
        new TextChunker(600, 60),
        new MetadataFlattener(new ObjectMapper(), MetadataFlattener.DEFAULT_MAX_BYTES),
        "multilingual-e5-large");
  }

  private static SourceDocument document(Map<String, Object> page) {
    return new DocumentFields("id", TEXT_FIELDS, List.of("platform", "command", "lastModified"))
        .toDocument(page)
        .orElseThrow();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> result = new HashSet<>(a);
    result.removeAll(b);
    return result;
  }
}
