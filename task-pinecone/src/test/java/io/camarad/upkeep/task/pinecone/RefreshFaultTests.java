package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the refresh behaves when Pinecone, the embedding endpoint or the source misbehave. */
class RefreshFaultTests {
  private static final String DATA_ERROR = "{\"code\":8,\"message\":\"Too many requests\"}";
  @TempDir Path dir;

  private static List<Map<String, Object>> pages(int count) {
    List<Map<String, Object>> pages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pages.add(Fixture.page("page-" + i, "Text of page number " + i + " with some words."));
    }
    return pages;
  }

  private static Set<String> recordedIds(Fixture f) throws Exception {
    FileRecordStore store = new FileRecordStore(f.runner.dataDirectory(), "docs", "", Json.MAPPER);
    return store.load().all().stream().map(ChunkRecord::vectorId).collect(Collectors.toSet());
  }

  @Test
  void rideOutA429StormWithRetries() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.runner.services(new RetryingServices(8, 1));
      f.source(pages(300));
      f.fake.fail(FakePinecone.Op.UPSERT, 0, 5, 429, DATA_ERROR);
      f.fake.fail(
          FakePinecone.Op.EMBED,
          1,
          3,
          429,
          "{\"error\":{\"code\":\"RESOURCE_EXHAUSTED\",\"message\":\"slow down\"},\"status\":429}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error()).isNull();
      assertThat(f.fake.vectors("")).hasSize(300);
      assertThat(result.usage().get("api_calls"))
          .isEqualTo(
              f.fake.calls(FakePinecone.Op.UPSERT)
                  + f.fake.calls(FakePinecone.Op.EMBED)
                  + f.fake.calls(FakePinecone.Op.STATS)
                  + f.fake.calls(FakePinecone.Op.QUERY));
      f.assertSpecRespected();
    }
  }

  @Test
  void serverErrorInTheMiddleLeavesRecordsMatchingTheIndexAndTheNextRunConverges()
      throws Exception {
    try (Fixture f = new Fixture(dir, 1024, 1024, Map.of("concurrency", 1))) {
      f.runner.services(new RetryingServices(1, 1));
      f.source(pages(1000));
      f.fake.fail(
          FakePinecone.Op.UPSERT, 3, 1, 503, "{\"code\":14,\"message\":\"backend unavailable\"}");

      TaskRunner.Result failed = f.runner.run();

      assertThat(failed.error())
          .isInstanceOf(ServiceException.class)
          .hasMessageContaining("HTTP 503")
          .hasMessageContaining("backend unavailable");
      assertThat(((ServiceException) failed.error()).retryable()).isTrue();
      Set<String> inIndex = f.fake.vectors("").keySet();
      assertThat(inIndex).isNotEmpty().hasSizeLessThan(1000);
      assertThat(recordedIds(f)).isEqualTo(inIndex);

      f.fake.clearEmbeddedTexts();
      TaskRunner.Result retried = f.runner.run();

      assertThat(retried.error()).isNull();
      assertThat(f.fake.vectors("")).hasSize(1000);
      assertThat(f.fake.embeddedTexts()).hasSize(1000 - inIndex.size());
      assertThat(retried.outcome().counts())
          .containsEntry("chunks_written", (long) 1000 - inIndex.size());
    }
  }

  @Test
  void permanentErrorFailsAtOnceWithPineconesMessage() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(10));
      f.fake.fail(
          FakePinecone.Op.UPSERT,
          0,
          1,
          400,
          "{\"code\":3,\"message\":\"Metadata field 'x' is not allowed\",\"details\":[]}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .isInstanceOf(ServiceException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("Metadata field 'x' is not allowed");
      assertThat(((ServiceException) result.error()).retryable()).isFalse();
      assertThat(f.services.retries()).isZero();
    }
  }

  @Test
  void quotaExceededIsNotRetried() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(10));
      f.fake.fail(
          FakePinecone.Op.EMBED,
          0,
          1,
          403,
          "{\"error\":{\"code\":\"QUOTA_EXCEEDED\","
              + "\"message\":\"monthly embedding tokens used up\"},"
              + "\"status\":403}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .hasMessageContaining("QUOTA_EXCEEDED")
          .hasMessageContaining("monthly embedding tokens used up");
      assertThat(f.services.retries()).isZero();
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isZero();
    }
  }

  @Test
  void wrongApiKeyFailsWithTheBareStringAndNeverShowsTheKey() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(3));
      TaskRunner runner =
          new TaskRunner(
              new PineconeTask(),
              Map.of(
                  "index",
                  "docs",
                  "apiKey",
                  "${PINECONE_API_KEY}",
                  "indexHost",
                  f.fake.url(),
                  "inferenceBaseUrl",
                  f.fake.url(),
                  "source",
                  "jsonl",
                  "file",
                  dir.resolve("pages.jsonl").toString()),
              Map.of("PINECONE_API_KEY", "pk-wrong-key-0123456789"),
              Map.of(),
              dir.resolve("d2"));

      TaskRunner.Result result = runner.run();

      assertThat(result.error())
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("Invalid API Key")
          .hasMessageNotContaining("pk-wrong-key-0123456789");
      assertThat(((ServiceException) result.error()).retryable()).isFalse();
      assertThat(result.logger().lines()).noneMatch(l -> l.contains("pk-wrong-key-0123456789"));
    }
  }

  @Test
  void dimensionMismatchFailsBeforeAnythingIsEmbeddedOrWritten() throws Exception {
    try (Fixture f = new Fixture(dir, 768, 1024, Map.of())) {
      f.source(pages(10));

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .hasMessageContaining("dimension 768")
          .hasMessageContaining("multilingual-e5-large")
          .hasMessageContaining("1024");
      assertThat(f.fake.calls(FakePinecone.Op.EMBED)).isZero();
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isZero();
      Fixture.assertNoSecret(result);
    }
  }

  @Test
  void dimensionOfAnUnknownModelIsCheckedOnItsFirstVectorsBeforeAnyUpsert() throws Exception {
    try (Fixture f =
        new Fixture(
            dir,
            768,
            1024,
            Map.of(
                "embeddingProvider",
                "openai",
                "openaiBaseUrl",
                "",
                "model",
                "house-embedder",
                "openaiApiKey",
                "${PINECONE_API_KEY}"))) {
      f.runner.set("openaiBaseUrl", f.fake.url());
      f.source(pages(10));

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .hasMessageContaining("dimension 768")
          .hasMessageContaining("house-embedder");
      assertThat(f.fake.calls(FakePinecone.Op.OPENAI_EMBED)).isEqualTo(1);
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isZero();
    }
  }

  @Test
  void sourceThatFailsPartWayDeletesNothingAndFailsNamingTheLine() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(100));
      assertThat(f.runner.run().error()).isNull();
      TaskPlan plan = f.runner.plan();
      List<String> lines = new ArrayList<>();
      for (Map<String, Object> page : pages(100).subList(0, 40)) {
        lines.add(Json.MAPPER.writeValueAsString(page));
      }
      lines.add("{\"id\": \"broken\", \"title\": ");
      Files.write(dir.resolve("pages.jsonl"), lines);

      TaskRunner.Result result = f.runner.applyOnly(plan);

      assertThat(result.error())
          .isInstanceOf(SourceReadException.class)
          .hasMessageContaining("pages.jsonl:41")
          .hasMessageContaining("nothing was deleted");
      assertThat(f.fake.deletedIds()).isEmpty();
      assertThat(f.fake.vectors("")).hasSize(100);
      assertThat(recordedIds(f)).hasSize(100);
    }
  }

  @Test
  void pagesReadBeforeASourceFailureAreStillWritten() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      List<String> lines = new ArrayList<>();
      for (Map<String, Object> page : pages(30)) {
        lines.add(Json.MAPPER.writeValueAsString(page));
      }
      lines.add("not json");
      Files.write(dir.resolve("pages.jsonl"), lines);

      TaskRunner.Result result = f.runner.applyOnly(TaskPlan.unpredictable("test", Map.of()));

      assertThat(result.error()).isInstanceOf(SourceReadException.class);
      assertThat(f.fake.vectors("")).hasSize(30);
      assertThat(recordedIds(f)).hasSize(30);
    }
  }

  @Test
  void garbageAnswersAreRetriedAndThenFailCleanly() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(20));
      f.fake.fail(FakePinecone.Op.EMBED, 0, 2, 200, "<html>502 Bad Gateway</html>");
      f.fake.fail(FakePinecone.Op.STATS, 0, 1, 200, "{\"namespaces\": [1, 2]}");
      f.fake.fail(FakePinecone.Op.UPSERT, 0, 1, 200, "{\"upsertedCount\": \"many\"}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error()).isNull();
      assertThat(f.fake.vectors("")).hasSize(20);
      assertThat(f.services.retries()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void malformedEmbeddingAnswersAreRetriedAndTheVectorsThatFollowAreExact() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(20));
      String[] answers = {
        "{\"data\":[{\"values\":[0.1,\"x\"]}]}",
        "{\"data\":[{\"values\":[0.1,0.2",
        "{\"data\":{\"values\":[0.1]}}",
        "{\"data\":[{\"values\":[]}]}",
        "{\"data\":[{\"values\":[0.1,[0.2]]}]}",
        "[1, 2]",
        ""
      };
      for (String answer : answers) {
        f.fake.fail(FakePinecone.Op.EMBED, 0, 1, 200, answer);
      }
      f.runner.services(new RetryingServices(answers.length + 1, 1));

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error()).isNull();
      assertThat(f.fake.calls(FakePinecone.Op.EMBED)).isEqualTo(answers.length + 1);
      assertThat(f.fake.vectors(""))
          .hasSize(20)
          .allSatisfy(
              (id, stored) ->
                  assertThat(stored.values())
                      .containsExactly(
                          FakePinecone.embedding((String) stored.metadata().get("text"), 1024)));
    }
  }

  @Test
  void anEmbeddingValueThatIsNotANumberFailsWithWhatWasFound() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(20));
      f.fake.fail(
          FakePinecone.Op.EMBED,
          0,
          100,
          200,
          "{\"data\":[{\"values\":[0.25,\"not-a-number\"]}],\"usage\":{\"total_tokens\":3}}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .hasMessageContaining("embed answered with a malformed body")
          .hasMessageContaining("an embedding value is not a number: not-a-number");
      assertThat(f.fake.vectors("")).isEmpty();
      assertThat(recordedIds(f)).isEmpty();
    }
  }

  @Test
  void garbageThatNeverStopsFailsWithoutRecordingAnything() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(20));
      f.fake.fail(FakePinecone.Op.UPSERT, 0, 100, 200, "{\"upsertedCount\": 0}");

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error()).hasMessageContaining("upsertedCount is 0");
      assertThat(recordedIds(f)).isEmpty();
    }
  }

  @Test
  void verificationWaitsForEventuallyConsistentCounts() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(20));
      f.fake.statsLag(5);

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error()).isNull();
      assertThat(f.fake.calls(FakePinecone.Op.STATS)).isGreaterThanOrEqualTo(6);
      assertThat(result.outcome().summary()).contains("verified 20 vectors");
    }
  }

  @Test
  void verificationFailsWhenForeignVectorsLiveInTheNamespace() throws Exception {
    try (Fixture f = new Fixture(dir, 1024, 1024, Map.of("verifyTimeout", "100ms"))) {
      f.source(pages(5));
      f.fake.plant("", "someone-elses-vector", FakePinecone.embedding("x", 1024));

      TaskRunner.Result result = f.runner.run();

      assertThat(result.error())
          .isInstanceOf(IndexVerifier.VerificationException.class)
          .hasMessageContaining("holds 6 vectors")
          .hasMessageContaining("5 chunks");
      assertThat(recordedIds(f)).hasSize(5);
    }
  }

  @Test
  void cancelledRunStopsWithoutWritingAndKeepsRecordsConsistent() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(50));
      TaskPlan plan = f.runner.plan();
      f.runner.cancelled().set(true);

      TaskRunner.Result result = f.runner.applyOnly(plan);

      assertThat(result.error()).isInstanceOf(io.camarad.upkeep.api.CancelledException.class);
      assertThat(f.fake.calls(FakePinecone.Op.UPSERT)).isZero();
      assertThat(recordedIds(f)).isEmpty();
    }
  }

  @Test
  void healthNamesTheIndexOrSaysWhyItIsDown() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      io.camarad.upkeep.api.Health up = f.runner.health();
      assertThat(up.status()).isEqualTo(io.camarad.upkeep.api.Health.Status.UP);
      assertThat(up.facts())
          .containsEntry("dimension", "1024")
          .containsEntry("host", f.fake.hostWithoutScheme());

      f.runner.set("index", "missing");
      io.camarad.upkeep.api.Health down = f.runner.health();
      assertThat(down.status()).isEqualTo(io.camarad.upkeep.api.Health.Status.DOWN);
      assertThat(down.detail()).contains("404").contains("missing").doesNotContain(Fixture.API_KEY);
    }
  }

  @Test
  void unresolvedHostIsReachedOverHttps() throws Exception {
    try (Fixture f = Fixture.standard(dir)) {
      f.source(pages(3));
      f.runner.services(new RetryingServices(1, 1));
      TaskRunner runner =
          new TaskRunner(
                  new PineconeTask(),
                  Map.of(
                      "index",
                      "docs",
                      "apiKey",
                      "${PINECONE_API_KEY}",
                      "controlBaseUrl",
                      f.fake.url(),
                      "inferenceBaseUrl",
                      f.fake.url(),
                      "source",
                      "jsonl",
                      "file",
                      dir.resolve("pages.jsonl").toString()),
                  Map.of("PINECONE_API_KEY", Fixture.API_KEY),
                  Map.of(),
                  dir.resolve("d3"))
              .services(new RetryingServices(1, 1));

      TaskRunner.Result result = runner.run();

      assertThat(f.fake.calls(FakePinecone.Op.DESCRIBE_INDEX)).isEqualTo(1);
      assertThat(result.error()).hasMessageContaining("https://" + f.fake.hostWithoutScheme());
      f.assertSpecRespected();
    }
  }
}
