package io.camarad.upkeep.bench.pinecone;

import io.camarad.upkeep.task.pinecone.FakePinecone;
import io.camarad.upkeep.task.pinecone.PineconeTask;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Benchmark of the Pinecone task against its fake with latency injected on every request.
 *
 * <ol>
 *   <li>A full refresh of {@code documents} documents at 1,024 dimensions (the 2 MB limit, not the
 *       1,000-vector limit, sets the upsert size), with concurrency 1 and then 8, each on a fresh
 *       fake and a fresh state directory; the ratio of their times.
 *   <li>An incremental run after {@code changePercent}% of the documents change: the texts it
 *       embeds must be exactly the changed documents' chunks, and its time is compared with the
 *       full refresh's.
 * </ol>
 *
 * <p>Usage: {@code PineconeRefreshBench <report.md> [documents] [latencyMillis]
 * [supplementaryDocuments supplementaryLatencyMillis]}. The report is written as Markdown to the
 * given file; the supplementary run, when asked for, beside it.
 */
public final class PineconeRefreshBench {
  private static final String KEY = "pk-bench-not-a-real-key";
  private static final int DIMENSION = 1024;

  private PineconeRefreshBench() {}

  /** One measured run. */
  private record Measured(
      String name,
      int concurrency,
      long millis,
      RunResult result,
      int embedded,
      int upserts,
      int maxUpsertVectors,
      int maxUpsertBytes,
      int maxInFlight,
      long fakeBusyMillis) {}

  public static void main(String[] args) throws Exception {
    Path report = Path.of(args.length > 0 ? args[0] : "bench/results/pinecone-latest.md");
    int documents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    long latency = args.length > 2 ? Long.parseLong(args[2]) : 20;
    Path work = Files.createTempDirectory("pinecone-bench");
    Path source = work.resolve("pages.jsonl");
    List<String> texts = texts(documents, 0);
    writeSource(source, texts);

    List<Measured> runs = new ArrayList<>();
    runs.add(full(work, source, 1, latency));
    runs.add(full(work, source, 8, latency));
    runs.addAll(incremental(work, source, texts, latency, 8));
    write(report, documents, latency, runs);
    if (args.length > 3) {
      supplementary(report, work, Integer.parseInt(args[3]), Long.parseLong(args[4]));
    }
  }

  /**
   * The same full refresh where latency, not CPU, dominates (a far region): shows what the
   * concurrency setting buys when the machine is not the bottleneck.
   */
  private static void supplementary(Path report, Path work, int documents, long latency)
      throws Exception {
    Path source = work.resolve("pages-supplementary.jsonl");
    writeSource(source, texts(documents, 7));
    List<Measured> runs = List.of(full(work, source, 1, latency), full(work, source, 8, latency));
    Path extra = report.resolveSibling("supplementary-" + report.getFileName());
    write(extra, documents, latency, runs);
  }

  private static Measured full(Path work, Path source, int concurrency, long latency)
      throws Exception {
    try (FakePinecone fake = new FakePinecone(KEY, "bench", DIMENSION, DIMENSION, null)) {
      fake.latency(latency);
      fake.benchmarkMode();
      TaskHarness harness =
          harness(
              fake, source, work.resolve("state-full-" + concurrency + "-" + latency), concurrency);
      return measure("full refresh", concurrency, fake, harness);
    }
  }

  /** A full refresh, then runs after 1% and 5% of the documents change. */
  private static List<Measured> incremental(
      Path work, Path source, List<String> texts, long latency, int concurrency) throws Exception {
    List<Measured> runs = new ArrayList<>();
    try (FakePinecone fake = new FakePinecone(KEY, "bench", DIMENSION, DIMENSION, null)) {
      fake.latency(latency);
      fake.benchmarkMode();
      Path state = work.resolve("state-incremental");
      check(
          measure(
              "full refresh (baseline)",
              concurrency,
              fake,
              harness(fake, source, state, concurrency)));
      List<String> current = new ArrayList<>(texts);
      for (int percent : new int[] {1, 5}) {
        Set<String> changed = change(current, percent, percent);
        writeSource(source, current);
        fake.clearEmbeddedTexts();
        Measured run =
            measure(
                "incremental, " + percent + "% changed",
                concurrency,
                fake,
                harness(fake, source, state, concurrency));
        check(run);
        Set<String> embedded = new HashSet<>(fake.embeddedTexts());
        if (!embedded.equals(changed) || fake.embeddedTexts().size() != changed.size()) {
          throw new IllegalStateException(
              "incremental run embedded "
                  + fake.embeddedTexts().size()
                  + " texts, expected exactly the "
                  + changed.size()
                  + " changed ones");
        }
        runs.add(run);
      }
    }
    return runs;
  }

  private static TaskHarness harness(FakePinecone fake, Path source, Path state, int concurrency) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("index", "bench");
    settings.put("apiKey", "${PINECONE_API_KEY}");
    settings.put("indexHost", fake.url());
    settings.put("inferenceBaseUrl", fake.url());
    settings.put("source", "jsonl");
    settings.put("file", source.toString());
    settings.put("textFields", List.of("markdown"));
    settings.put("metadataFields", List.of("platform"));
    settings.put("concurrency", concurrency);
    settings.put("verifyPollInterval", "50ms");
    return TaskHarness.forTask(new PineconeTask())
        .settings(settings)
        .environment(Map.of("PINECONE_API_KEY", KEY))
        .service("pinecone", ServicePolicy.fast())
        .stateDirectory(state)
        .build();
  }

  private static Measured measure(
      String name, int concurrency, FakePinecone fake, TaskHarness harness) {
    int upsertsBefore = fake.calls(FakePinecone.Op.UPSERT);
    long busyBefore = fake.busyMillis();
    long start = System.nanoTime();
    RunResult result = harness.apply();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return check(
        new Measured(
            name,
            concurrency,
            millis,
            result,
            fake.embeddedTexts().size(),
            fake.calls(FakePinecone.Op.UPSERT) - upsertsBefore,
            fake.maxUpsertVectors(),
            fake.maxUpsertBytes(),
            fake.maxInFlight(),
            fake.busyMillis() - busyBefore));
  }

  private static Measured check(Measured run) {
    if (!run.result().succeeded()) {
      throw new IllegalStateException(run.name() + " failed: " + run.result());
    }
    return run;
  }

  /** Synthetic pages of 300 to 900 characters: one chunk each at the default chunk size. */
  private static List<String> texts(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add(text(random, i, 0));
    }
    return texts;
  }

  private static String text(SplittableRandom random, int i, int version) {
    StringBuilder text = new StringBuilder("# page " + i + " v" + version + "\n\n");
    int words = 50 + random.nextInt(100);
    for (int w = 0; w < words; w++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return text.toString().strip();
  }

  private static final String[] WORDS = {
    "list",
    "files",
    "in",
    "the",
    "current",
    "directory",
    "archive",
    "extract",
    "compress",
    "print",
    "show",
    "usage",
    "remote",
    "branch",
    "commit",
    "network",
    "interface",
    "process",
    "signal",
    "kill",
    "search",
    "pattern",
    "recursive"
  };

  /** Rewrites {@code percent}% of the texts (every n-th); returns the new texts. */
  private static Set<String> change(List<String> texts, int percent, int version) {
    Set<String> changed = new HashSet<>();
    int step = 100 / percent;
    SplittableRandom random = new SplittableRandom(version);
    for (int i = version % step; i < texts.size(); i += step) {
      String text = text(random, i, version);
      texts.set(i, text);
      changed.add(text);
    }
    return changed;
  }

  private static void writeSource(Path file, List<String> texts) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < texts.size(); i++) {
        String line =
            "{\"id\":\"page-"
                + i
                + "\",\"platform\":\"common\",\"markdown\":"
                + quote(texts.get(i))
                + "}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static void write(Path report, int documents, long latency, List<Measured> runs) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%,d documents, %d dimensions, %d ms latency per request, " + "%d cores%n%n",
            documents,
            DIMENSION,
            latency,
            Runtime.getRuntime().availableProcessors()));
    md.append(
        "| run | concurrency | time | embedded texts | upsert requests | "
            + "largest upsert (vectors / bytes) | most requests in flight | fake's CPU time |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Measured run : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f s | %,d | %,d | %,d / %,d | %d | %.1f s |%n",
              run.name(),
              run.concurrency(),
              run.millis() / 1000.0,
              run.embedded(),
              run.upserts(),
              run.maxUpsertVectors(),
              run.maxUpsertBytes(),
              run.maxInFlight(),
              run.fakeBusyMillis() / 1000.0));
    }
    double ratio = (double) runs.get(0).millis() / runs.get(1).millis();
    md.append(
        String.format(Locale.ROOT, "%nFull refresh, concurrency 8 vs 1: %.2fx faster.%n", ratio));
    for (Measured run : runs.subList(Math.min(2, runs.size()), runs.size())) {
      md.append(
          String.format(
              Locale.ROOT,
              "%s: %.1f%% of the full refresh's time; embedded "
                  + "exactly the changed documents' chunks.%n",
              run.name(),
              100.0 * run.millis() / runs.get(1).millis()));
    }
    try {
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
