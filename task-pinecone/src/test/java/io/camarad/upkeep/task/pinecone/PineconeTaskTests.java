package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.MutableClock;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task through the engine's own context, settings binding, resilience and due rule. */
class PineconeTaskTests {
  @TempDir Path dir;
  private FakePinecone fake;
  private final MutableClock clock = MutableClock.at("2026-12-01T03:00:00Z");

  @BeforeEach
  void start() throws IOException {
    fake = new FakePinecone(Fixture.API_KEY, "docs", 1024, 1024, Fixture.CONTRACT);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Map<String, Object> settings(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("index", "docs");
    settings.put("apiKey", "${PINECONE_API_KEY}");
    settings.put("indexHost", fake.url());
    settings.put("inferenceBaseUrl", fake.url());
    settings.put("source", "jsonl");
    settings.put("file", dir.resolve("pages.jsonl").toString());
    settings.put("metadataFields", List.of("platform", "lastModified", "author"));
    settings.put("verifyPollInterval", "10ms");
    settings.putAll(overrides);
    return settings;
  }

  private TaskHarness harness(Map<String, Object> overrides) {
    return TaskHarness.forTask(new PineconeTask())
        .settings(settings(overrides))
        .environment(Map.of("PINECONE_API_KEY", Fixture.API_KEY))
        .service("pinecone", ServicePolicy.fast())
        .clock(clock)
        .stateDirectory(dir.resolve("state"))
        .build();
  }

  private void pages(int count, String version) {
    List<Map<String, Object>> pages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pages.add(
          Map.of(
              "id",
              "page-" + i,
              "title",
              "Page " + i,
              "markdown",
              "Body of page " + i + " " + version,
              "platform",
              "linux",
              "lastModified",
              "2026-11-0" + (1 + i % 9) + "T00:00:00Z",
              "author",
              Map.of("name", "Ada", "teams", List.of("docs", "web"))));
    }
    Fixture.writeJsonLines(dir.resolve("pages.jsonl"), pages);
  }

  @Test
  void declaresItselfHonestly() {
    PineconeTask task = new PineconeTask();
    assertThat(task.id()).isEqualTo("pinecone");
    assertThat(task.reversibility()).isEqualTo(Reversibility.NONE);
    assertThat(task.idempotent()).isTrue();
  }

  @Test
  void planChangesNothingAndNamesTheWork() throws Exception {
    pages(12, "v1");
    TaskHarness harness = harness(Map.of());

    TaskPlan plan = harness.plan();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.summary()).contains("12 added").contains("12 of 12 chunks to embed");
    assertThat(plan.changes()).extracting(c -> c.action()).containsExactly("embed", "verify");
    assertThat(fake.calls(FakePinecone.Op.EMBED) + fake.calls(FakePinecone.Op.UPSERT)).isZero();
    assertThat(dir.resolve("state"))
        .satisfiesAnyOf(
            d -> assertThat(d).doesNotExist(),
            d ->
                assertThat(Files.walk(d).filter(p -> p.toString().endsWith(".jsonl.gz")))
                    .isEmpty());
  }

  @Test
  void appliesThenIsUpToDateUntilTheIntervalPasses() throws Exception {
    pages(12, "v1");
    RunResult first = harness(Map.of()).apply();
    assertThat(first.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(first.usage())
        .containsEntry("documents_embedded", 12L)
        .containsEntry("vectors_written", 12L)
        .containsKey("embedding_tokens");

    clock.advance(Duration.ofHours(23));
    assertThat(harness(Map.of()).apply().status()).isEqualTo(TaskStatus.UP_TO_DATE);

    clock.advance(Duration.ofHours(2));
    int upserts = fake.calls(FakePinecone.Op.UPSERT);
    RunResult check = harness(Map.of()).apply();
    assertThat(check.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(check.plan().summary()).contains("last full check 1d 1h ago");
    assertThat(fake.calls(FakePinecone.Op.UPSERT)).isEqualTo(upserts);
    assertThat(check.outcome().summary()).contains("verified 12 vectors");
  }

  @Test
  void changedSourceMakesTheTaskDueAndRewritesOnlyWhatChanged() throws Exception {
    pages(10, "v1");
    harness(Map.of()).apply();
    List<Map<String, Object>> pages =
        new ArrayList<>(Corpus.lines(dir.resolve("pages.jsonl"), false));
    pages.set(
        3,
        Map.of(
            "id",
            "page-3",
            "title",
            "Page 3",
            "markdown",
            "rewritten",
            "platform",
            "linux",
            "lastModified",
            "2026-11-30T00:00:00Z"));
    pages.remove(7);
    Fixture.writeJsonLines(dir.resolve("pages.jsonl"), pages);
    fake.clearEmbeddedTexts();

    RunResult second = harness(Map.of()).apply();

    assertThat(second.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.embeddedTexts()).containsExactly("Page 3\n\nrewritten");
    assertThat(fake.deletedIds()).containsExactly("page-7#0");
    assertThat(second.outcome().counts())
        .containsEntry("documents_updated", 1L)
        .containsEntry("documents_deleted", 1L)
        .containsEntry("documents_unchanged", 8L);
  }

  @Test
  void fullModeReembedsEverything() throws Exception {
    pages(10, "v1");
    harness(Map.of()).apply();
    fake.clearEmbeddedTexts();

    RunResult full = harness(Map.of("mode", "full")).apply();

    assertThat(full.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.embeddedTexts()).hasSize(10);
  }

  @Test
  void writesIntoTheConfiguredNamespace() throws Exception {
    pages(5, "v1");
    RunResult result = harness(Map.of("namespace", "docs-en")).apply();

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.vectors("docs-en")).hasSize(5);
    assertThat(fake.vectors("")).isEmpty();
  }

  @Test
  void metadataReachesPineconeFlatWithSourceIdAndHash() throws Exception {
    pages(2, "v1");
    harness(Map.of()).apply();

    Map<String, Object> metadata = fake.vectors("").get("page-1#0").metadata();
    assertThat(metadata)
        .containsEntry("source_id", "page-1")
        .containsEntry("author.name", "Ada")
        .containsEntry("author.teams", List.of("docs", "web"))
        .containsEntry("platform", "linux")
        .containsEntry("chunk_index", 0)
        .containsKeys("content_hash", "text", "lastModified");
    assertThat(fake.specViolations()).isEmpty();
  }

  @Test
  void keepsRequestsInFlightWithinTheConcurrency() throws Exception {
    pages(600, "v1");
    fake.latency(15);

    RunResult result = harness(Map.of("concurrency", 3, "embeddingBatchSize", 20)).apply();

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.maxInFlight()).isBetween(2, 3);
  }

  @Test
  void embedsConcurrentlyWithinTheConcurrencyAndKeepsEachVectorWithItsChunk() throws Exception {
    pages(600, "v1");
    fake.latency(15);

    RunResult result = harness(Map.of("concurrency", 3, "embeddingBatchSize", 20)).apply();

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.calls(FakePinecone.Op.EMBED)).isEqualTo(30);
    assertThat(fake.maxInFlight(FakePinecone.Op.EMBED)).isBetween(2, 3);
    Map<String, FakePinecone.Stored> vectors = fake.vectors("");
    assertThat(vectors).hasSize(600);
    vectors
        .values()
        .forEach(
            stored ->
                assertThat(stored.values())
                    .containsExactly(
                        FakePinecone.embedding((String) stored.metadata().get("text"), 1024)));
  }

  @Test
  void packsSmallVectorsAThousandToAnUpsert() throws Exception {
    fake.close();
    fake = new FakePinecone(Fixture.API_KEY, "docs", 8, 8, Fixture.CONTRACT);
    pages(2500, "v1");

    RunResult result =
        harness(Map.of("dimension", 8, "concurrency", 1, "metadataFields", List.of())).apply();

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.maxUpsertVectors()).isEqualTo(1000);
    assertThat(fake.calls(FakePinecone.Op.UPSERT)).isEqualTo(3);
  }

  @Test
  void embedsThroughAnOpenAiCompatibleEndpoint() throws Exception {
    pages(7, "v1");

    RunResult result =
        harness(
                Map.of(
                    "embeddingProvider",
                    "openai",
                    "openaiBaseUrl",
                    fake.url() + "/v1",
                    "model",
                    "text-embedding-3-large",
                    "dimension",
                    1024,
                    "openaiApiKey",
                    "${PINECONE_API_KEY}",
                    "embeddingBatchSize",
                    3))
            .apply();

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(fake.calls(FakePinecone.Op.OPENAI_EMBED)).isEqualTo(3);
    assertThat(fake.calls(FakePinecone.Op.EMBED)).isZero();
    assertThat(fake.vectors("")).hasSize(7);
    assertThat(result.usage())
        .containsEntry(
            "embedding_tokens",
            fake.embeddedTexts().stream().mapToLong(t -> t.split("\\s+").length).sum());
  }

  @Test
  void recordsAreOneGzipFileWithNoTemporaryFilesLeft() throws Exception {
    pages(4, "v1");
    TaskHarness harness = harness(Map.of());
    harness.apply();

    try (Stream<Path> files = Files.list(harness.dataDirectory())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("records-docs-__default__.jsonl.gz");
    }
    ChunkRecords records =
        new FileRecordStore(harness.dataDirectory(), "docs", "", Json.MAPPER).load();
    assertThat(records.all()).extracting(ChunkRecord::writtenAt).containsOnly(clock.instant());
  }

  @Test
  void plantedKeyNeverReachesLogsOrReports() throws Exception {
    pages(5, "v1");
    fake.fail(
        FakePinecone.Op.UPSERT,
        0,
        10,
        400,
        "{\"code\":3,\"message\":\"bad key " + Fixture.API_KEY + "\"}");
    TaskHarness harness = harness(Map.of());

    RunResult result = harness.apply();

    assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(result.summary()).doesNotContain(Fixture.API_KEY);
    assertThat(result.error().orElseThrow().getMessage())
        .doesNotContain(Fixture.API_KEY)
        .contains("bad key ****");
    assertThat(harness.logs()).isNotEmpty().noneMatch(l -> l.contains(Fixture.API_KEY));
  }

  @Test
  void refusesAnOverlapAsLargeAsTheChunk() {
    assertThatThrownBy(() -> harness(Map.of("chunkSize", 100, "chunkOverlap", 100)))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("chunkOverlap");
  }

  @Test
  void refusesAnIndexHostWithoutScheme() {
    assertThatThrownBy(() -> harness(Map.of("indexHost", "docs-abc.svc.pinecone.io")))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("https://");
  }

  @Test
  void refusesMoreThanNinetySixInputsForTheHostedModel() {
    SettingsProblemsException problems =
        org.junit.jupiter.api.Assertions.assertThrows(
            SettingsProblemsException.class, () -> harness(Map.of("embeddingBatchSize", 200)));
    assertThat(problems.getCause())
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.key()).isEqualTo("embeddingBatchSize"));
  }
}
