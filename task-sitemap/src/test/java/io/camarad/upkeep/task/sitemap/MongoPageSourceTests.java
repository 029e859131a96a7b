package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.TaskHarness;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mongodb source through the real driver against the in-process server. */
class MongoPageSourceTests {
  @TempDir Path temp;
  private MongoServer server;
  private MongoClient client;
  private MongoCollection<Document> pages;
  private MongoDatabase database;
  private final Map<String, Object> settings = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    database = client.getDatabase("camarad");
    pages = database.getCollection("pages");
    List<Document> documents = new ArrayList<>();
    for (JsonNode page : Corpus.pages(Corpus.MARCH)) {
      documents.add(
          new Document("_id", page.get("id").asText())
              .append("id", page.get("id").asText())
              .append("platform", page.get("platform").asText())
              .append("title", page.get("title").asText())
              .append("lastModified", Date.from(Instant.parse(page.get("lastModified").asText()))));
    }
    pages.insertMany(documents);
    settings.put("siteUrl", Corpus.SITE);
    settings.put("outputDir", temp.resolve("out").toString());
  }

  private RunResult apply() {
    RunResult result =
        TaskHarness.forTask(new SitemapTask())
            .settings(settings)
            .resource("mongo", database)
            .stateDirectory(temp.resolve("state"))
            .build()
            .apply();
    assertThat(result.error()).as("error of %s", result).isEmpty();
    return result;
  }

  @AfterEach
  void tearDown() throws Exception {
    SitemapFiles.validateAll(temp.resolve("out"));
    client.close();
    server.shutdownNow();
  }

  private void source(Map<String, Object> extra) {
    Map<String, Object> source =
        new LinkedHashMap<>(
            Map.of("type", "mongodb", "collection", "pages", "urlTemplate", "pages/{+id}"));
    source.putAll(extra);
    settings.put("source", source);
  }

  @Test
  void listsEveryPageOfTheCollectionWithItsBsonDateAsLastmod() throws Exception {
    source(Map.of());

    apply();

    assertThat(SitemapFiles.servedUrls(temp.resolve("out"), "sitemap.xml"))
        .isEqualTo(Corpus.urls(Corpus.MARCH));
  }

  @Test
  void readsOnlyTheDocumentsTheQueryMatches() throws Exception {
    source(Map.of("query", Map.of("platform", "linux")));

    apply();

    Map<String, String> served = SitemapFiles.servedUrls(temp.resolve("out"), "sitemap.xml");
    long linux =
        Corpus.pages(Corpus.MARCH).stream()
            .filter(p -> p.get("platform").asText().equals("linux"))
            .count();
    assertThat(served)
        .hasSize((int) linux)
        .allSatisfy((url, lastmod) -> assertThat(url).startsWith(Corpus.SITE + "pages/linux/"));
  }

  @Test
  void countsAndNamesADocumentWithoutTheTemplateField() throws Exception {
    pages.insertOne(new Document("_id", "orphan").append("lastModified", new Date()));
    source(Map.of());

    RunResult result = apply();

    assertThat(result.outcome().counts())
        .containsEntry("refused", 1L)
        .containsEntry("urls", 6_243L);
    assertThat(result.plan().changes())
        .anySatisfy(
            change ->
                assertThat(change.target())
                    .isEqualTo("pages _id orphan: missing or empty field 'id'"));
  }
}
