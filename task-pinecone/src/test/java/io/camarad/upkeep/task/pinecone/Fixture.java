package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A fake Pinecone and a task runner pointed at it, with a planted API key. */
final class Fixture implements AutoCloseable {
  static final String API_KEY = "pk-planted-7f3c9a1e5b2d4c6a8e0f";
  static final SpecContract CONTRACT = SpecContract.fromProject();
  private static final ObjectMapper JSON = new ObjectMapper();

  final FakePinecone fake;
  final Path dir;
  final TaskRunner runner;
  final RetryingServices services;
  final Map<String, Object> settings = new HashMap<>();

  Fixture(Path dir, int indexDimension, int modelDimension, Map<String, Object> overrides)
      throws IOException {
    this.dir = dir;
    this.fake = new FakePinecone(API_KEY, "docs", indexDimension, modelDimension, CONTRACT);
    settings.put("index", "docs");
    settings.put("apiKey", "${PINECONE_API_KEY}");
    settings.put("controlBaseUrl", fake.url());
    settings.put("indexHost", fake.url());
    settings.put("inferenceBaseUrl", fake.url());
    settings.put("source", "jsonl");
    settings.put("file", dir.resolve("pages.jsonl").toString());
    settings.put("metadataFields", List.of("platform", "command", "lastModified"));
    settings.put("verifyTimeout", "2s");
    settings.put("verifyPollInterval", "10ms");
    settings.putAll(overrides);
    this.services = new RetryingServices(5, 1);
    this.runner =
        new TaskRunner(
                new PineconeTask(),
                settings,
                Map.of("PINECONE_API_KEY", API_KEY),
                Map.of(),
                dir.resolve("data"))
            .services(services);
  }

  /** The task through the engine's test kit, on the fixture's settings and a fixed state dir. */
  TaskHarness harness(Map<String, Object> overrides, Map<String, Object> resources) {
    Map<String, Object> all = new HashMap<>(settings);
    all.putAll(overrides);
    TaskHarness.Builder builder =
        TaskHarness.forTask(new PineconeTask())
            .settings(all)
            .environment(Map.of("PINECONE_API_KEY", API_KEY))
            .service("pinecone", ServicePolicy.fast())
            .stateDirectory(dir.resolve("state"));
    resources.forEach(builder::resource);
    return builder.build();
  }

  static Fixture standard(Path dir) throws IOException {
    return new Fixture(dir, 1024, 1024, Map.of());
  }

  /** Writes the source file the runner reads. */
  void source(List<Map<String, Object>> documents) {
    writeJsonLines(dir.resolve("pages.jsonl"), documents);
  }

  /** Makes the runner read a corpus snapshot directly. */
  void corpus(String name) {
    runner.set("file", Corpus.file(name).toString());
  }

  static void writeJsonLines(Path file, List<Map<String, Object>> documents) {
    try (OutputStream out = open(file)) {
      for (Map<String, Object> document : documents) {
        out.write(JSON.writeValueAsBytes(document));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OutputStream open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return file.toString().endsWith(".gz") ? new GZIPOutputStream(out) : out;
  }

  static Map<String, Object> page(String id, String text) {
    return Map.of(
        "id",
        id,
        "title",
        id,
        "markdown",
        text,
        "platform",
        "common",
        "lastModified",
        "2026-01-01T00:00:00Z");
  }

  /** Asserts the planted key appears in no log line and no message of the error chain. */
  static void assertNoSecret(TaskRunner.Result result) {
    for (String line : result.logger().lines()) {
      assertThat(line).doesNotContain(API_KEY);
    }
    for (Throwable t = result.error(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
      assertThat(t.toString()).doesNotContain(API_KEY);
    }
  }

  void assertSpecRespected() {
    assertThat(fake.specViolations()).isEmpty();
  }

  String text(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    fake.close();
  }
}
