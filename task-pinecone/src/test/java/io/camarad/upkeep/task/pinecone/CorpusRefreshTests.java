package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
 * The refresh on real data: the two tldr-pages snapshots (270 pages added, 9 removed, 361
 * changed between them), read from the JSON-lines files and from MongoDB.
 */
class CorpusRefreshTests {
  private static final List<String> TEXT_FIELDS = List.of("title", "summary", "markdown");
  /** The change set does not depend on the dimension; a small one keeps the tests quick. */
  private static final int DIMENSION = 64;

  @TempDir Path dir;

  private Fixture corpusFixture() throws java.io.IOException {
    return new Fixture(dir, DIMENSION, DIMENSION,
        Map.of("chunkSize", 600, "chunkOverlap", 60, "dimension", DIMENSION));
  }

  @Test
  void secondSnapshotEmbedsExactlyTheAddedAndChangedPagesAndDeletesTheRemovedOnes()
      throws Exception {
    try (Fixture f = corpusFixture()) {
      f.corpus(Corpus.FIRST);
      TaskRunner.Result first = f.runner.run();
      assertThat(first.error()).isNull();
      assertThat(first.outcome().counts()).containsEntry("documents_added", 6243L);

      f.fake.clearEmbeddedTexts();
      f.corpus(Corpus.SECOND);
      TaskRunner.Result second = f.runner.run();

      assertThat(second.error()).isNull();
      assertExpectedChanges(f, second);
      f.assertSpecRespected();
      Fixture.assertNoSecret(second);
    }
  }

  @Test
  void thirdRunOnTheSameSnapshotEmbedsNothing() throws Exception {
    try (Fixture f = corpusFixture()) {
      f.corpus(Corpus.SECOND);
      assertThat(f.runner.run().error()).isNull();
      int embedCalls = f.fake.calls(FakePinecone.Op.EMBED);
      int upsertCalls = f.fake.calls(FakePinecone.Op.UPSERT);

      TaskRunner.Result third = f.runner.run();

      assertThat(third.applied()).isFalse();
      assertThat(third.plan().summary()).startsWith("up to date");
      assertThat(f.fake.calls(FakePinecone.Op.EMBED)).isEqualTo(embedCalls);
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isEqualTo(upsertCalls);
    }
  }

  @Test
  void mongoSourceAndMongoRecordsGiveTheSameChangeSet() throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    try (MongoClient client = MongoClients.create("mongodb://" + address(server));
        Fixture f = new Fixture(dir, DIMENSION, DIMENSION, Map.of("chunkSize", 600, "chunkOverlap", 60, "dimension", DIMENSION,
            "source", "mongodb", "records", "mongodb"))) {
      MongoDatabase database = client.getDatabase("camarad");
      TaskRunner runner = new TaskRunner(new PineconeTask(), mongoSettings(f),
          Map.of("PINECONE_API_KEY", Fixture.API_KEY), Map.of("mongo", database),
          dir.resolve("data"));
      MongoCollection<Document> pages = database.getCollection("pages");
      load(pages, Corpus.FIRST);
      assertThat(runner.run().error()).isNull();

      f.fake.clearEmbeddedTexts();
      pages.drop();
      load(pages, Corpus.SECOND);
      TaskRunner.Result second = runner.run();

      assertThat(second.error()).isNull();
      assertExpectedChanges(f, second);
      assertThat(database.getCollection("pinecone_records").countDocuments())
          .isEqualTo(f.fake.vectors("").size());
      assertThat(runner.run().applied()).isFalse();
    } finally {
      server.shutdownNow();
    }
  }

  private static String address(MongoServer server) {
    var socket = server.bind();
    return socket.getHostString() + ":" + socket.getPort();
  }

  private Map<String, Object> mongoSettings(Fixture f) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("index", "docs");
    settings.put("apiKey", "${PINECONE_API_KEY}");
    settings.put("indexHost", f.fake.url());
    settings.put("inferenceBaseUrl", f.fake.url());
    settings.put("source", "mongodb");
    settings.put("records", "mongodb");
    settings.put("metadataFields", List.of("platform", "command", "lastModified"));
    settings.put("chunkSize", 600);
    settings.put("chunkOverlap", 60);
    settings.put("dimension", DIMENSION);
    settings.put("verifyPollInterval", "10ms");
    return settings;
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
   * changed page is embedded (its metadata changed with it), nothing else; the vectors deleted
   * are those of chunk ids that exist only in the first snapshot.
   */
  private static void assertExpectedChanges(Fixture f, TaskRunner.Result second) {
    Map<String, Map<String, Object>> before = Corpus.pages(Corpus.FIRST);
    Map<String, Map<String, Object>> after = Corpus.pages(Corpus.SECOND);
    Set<String> added = difference(after.keySet(), before.keySet());
    Set<String> removed = difference(before.keySet(), after.keySet());
    Set<String> changed = after.keySet().stream()
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
    assertThat(f.fake.deletedIds()).containsExactlyInAnyOrderElementsOf(
        difference(idsBefore, idsAfter));
    assertThat(f.fake.deletedIds().stream().map(CorpusRefreshTests::sourceOf))
        .containsAll(removed.stream().map(VectorIds::safeDocumentId).toList());
    assertThat(f.fake.vectors("").keySet()).isEqualTo(idsAfter);

    assertThat(second.outcome().counts())
        .containsEntry("documents_added", 270L)
        .containsEntry("documents_updated", 361L)
        .containsEntry("documents_deleted", 9L)
        .containsEntry("documents_unchanged", (long) after.size() - 270 - 361);
    assertThat(second.usage())
        .containsEntry("documents_embedded", 631L)
        .containsEntry("vectors_written", (long) expectedTexts.size())
        .containsEntry("vectors_deleted", (long) difference(idsBefore, idsAfter).size());
  }

  private static String sourceOf(String vectorId) {
    return vectorId.substring(0, vectorId.lastIndexOf('#'));
  }

  private static Set<String> chunkIds(DocumentChunker chunker, Map<String, Map<String, Object>> pages) {
    Set<String> ids = new HashSet<>();
    pages.values().forEach(p -> chunker.chunks(document(p)).forEach(c -> ids.add(c.vectorId())));
    return ids;
  }

  private static DocumentChunker chunker() {
    return new DocumentChunker(new TextChunker(600, 60),
        new MetadataFlattener(new ObjectMapper(), MetadataFlattener.DEFAULT_MAX_BYTES),
        "multilingual-e5-large");
  }

  private static SourceDocument document(Map<String, Object> page) {
    return new DocumentFields("id", TEXT_FIELDS, List.of("platform", "command", "lastModified"))
        .toDocument(page).orElseThrow();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> result = new HashSet<>(a);
    result.removeAll(b);
    return result;
  }
}
