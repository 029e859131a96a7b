package io.camarad.upkeep.bench.mongo;

import ch.qos.logback.classic.Level;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.camarad.upkeep.task.mongo.MongoTask;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Seeding benchmark for the mongo task (a main harness, not a test).
 *
 * <ul>
 *   <li>{@code compare [docs]}: through a proxy adding 1 ms each way, upserts {@code docs}
 *       documents one at a time and in unordered bulk writes of 1,000, reporting the ratio and the
 *       round trips; then seeds the same number through the mongo task and runs it again, reporting
 *       the second run's time and write commands.
 *   <li>{@code large [lines]}: seeds a generated gzip JSON-lines file through the mongo task; run
 *       this JVM with {@code -Xmx128m} (the server runs in a child JVM of its own).
 * </ul>
 */
public final class MongoSeedBench {
  private static final int BATCH = 1000;
  private static final long LATENCY_MICROS = 1000;

  private final PrintStream out;

  private MongoSeedBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    String mode = args.length > 0 ? args[0] : "compare";
    MongoSeedBench bench = new MongoSeedBench(System.out);
    switch (mode) {
      case "compare" -> bench.compare(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
      case "large" -> bench.large(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
      case "server" -> serve(Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException("modes: compare [docs], large [lines]");
    }
  }

  private void compare(int docs) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    int port = server.bind().getPort();
    CommandCounter counter = new CommandCounter();
    try (LatencyProxy proxy = new LatencyProxy(port, LATENCY_MICROS);
        MongoClient client = client(proxy.port(), counter)) {
      MongoDatabase database = client.getDatabase("bench");
      List<Document> pages = new ArrayList<>(docs);
      for (int i = 0; i < docs; i++) {
        pages.add(PageGenerator.page(i).append("_id", "bench/page-" + i));
      }
      out.printf(
          "# compare: %,d documents, %d us added each way, %d cores%n",
          docs, LATENCY_MICROS, Runtime.getRuntime().availableProcessors());
      oneAtATime(database.getCollection("warm1"), pages.subList(0, 500));
      bulk(database.getCollection("warm2"), pages.subList(0, 500));

      counter.reset();
      long single = timed(() -> oneAtATime(database.getCollection("single"), pages));
      long singleTrips = counter.total();
      counter.reset();
      long bulk = timed(() -> bulk(database.getCollection("bulk"), pages));
      long bulkTrips = counter.total();
      out.printf("one-at-a-time upserts: %,d ms, %,d round trips%n", single, singleTrips);
      out.printf(
          "unordered bulk upserts (batches of %d): %,d ms, %,d round trips%n",
          BATCH, bulk, bulkTrips);
      out.printf("ratio: %.1fx faster in bulk%n", (double) single / bulk);
      seedThroughTask(database, counter, docs);
    } finally {
      server.shutdownNow();
    }
  }

  private void seedThroughTask(MongoDatabase database, CommandCounter counter, int docs)
      throws Exception {
    Path directory = Files.createTempDirectory("upkeep-bench-");
    Path seed = PageGenerator.writeJsonLines(directory.resolve("pages.jsonl.gz"), docs);
    TaskHarness harness = harness(database, directory, seed);
    counter.reset();
    long first = timed(() -> check(harness.apply()));
    out.printf(
        "mongo task, first run (plan + apply, %,d inserted): %,d ms, %,d round trips,"
            + " %,d write commands%n",
        docs, first, counter.total(), counter.writes());
    counter.reset();
    long[] status = new long[1];
    long second = timed(() -> status[0] = check(harness.apply()).status().ordinal());
    out.printf(
        "mongo task, second run (%s): %,d ms, %,d round trips, %,d write commands%n",
        io.camarad.upkeep.api.TaskStatus.values()[(int) status[0]],
        second,
        counter.total(),
        counter.writes());
  }

  private void large(int lines) throws Exception {
    int port = freePort();
    Process server = startServerProcess(port);
    try (MongoClient client = client(port, new CommandCounter())) {
      Path directory = Files.createTempDirectory("upkeep-bench-large-");
      long generate = System.nanoTime();
      Path seed = PageGenerator.writeJsonLines(directory.resolve("pages.jsonl.gz"), lines);
      out.printf(
          "# large: %,d-line seed file (%,d bytes gzip) generated in %,d ms; max heap"
              + " %,d MB; %d cores%n",
          lines,
          Files.size(seed),
          millisSince(generate),
          Runtime.getRuntime().maxMemory() >> 20,
          Runtime.getRuntime().availableProcessors());
      TaskHarness harness = harness(client.getDatabase("bench"), directory, seed);
      RunResult[] result = new RunResult[1];
      long millis = timed(() -> result[0] = check(harness.apply()));
      out.printf(
          "mongo task seeded %s documents in %,d ms; peak heap used %,d MB%n",
          result[0].outcome().counts().get("inserted"), millis, peakHeapMegabytes());
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Debug logging of every command would measure the logger, not the seeding. */
  private static void quietLogs() {
    for (String name :
        List.of(
            org.slf4j.Logger.ROOT_LOGGER_NAME,
            "org.mongodb",
            "de.bwaldvogel",
            "io.github.resilience4j",
            "io.camarad",
            "io.netty")) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
  }

  private static TaskHarness harness(MongoDatabase database, Path directory, Path seed) {
    Map<String, Object> settings =
        Map.of(
            "defaultIndexes",
            false,
            "batchSize",
            BATCH,
            "collections",
            List.of(
                Map.of(
                    "name",
                    "pages",
                    "idField",
                    "id",
                    "dateFields",
                    List.of("lastModified"),
                    "seedFile",
                    seed.toString())));
    TaskHarness harness =
        TaskHarness.forTask(new MongoTask())
            .settings(settings)
            .resource("mongo", database)
            .stateDirectory(directory.resolve("state"))
            .timeout(Duration.ofHours(2))
            .build();
    quietLogs();
    return harness;
  }

  private static RunResult check(RunResult result) {
    if (result.error().isPresent()) {
      throw new IllegalStateException("the mongo task failed: " + result, result.error().get());
    }
    return result;
  }

  private static void oneAtATime(MongoCollection<Document> collection, List<Document> pages) {
    UpdateOptions upsert = new UpdateOptions().upsert(true);
    for (Document page : pages) {
      collection.updateOne(
          Filters.eq("_id", page.get("_id")), new Document("$setOnInsert", page), upsert);
    }
  }

  private static void bulk(MongoCollection<Document> collection, List<Document> pages) {
    UpdateOptions upsert = new UpdateOptions().upsert(true);
    BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
    for (int from = 0; from < pages.size(); from += BATCH) {
      List<WriteModel<Document>> batch = new ArrayList<>(BATCH);
      for (Document page : pages.subList(from, Math.min(from + BATCH, pages.size()))) {
        batch.add(
            new UpdateOneModel<>(
                Filters.eq("_id", page.get("_id")), new Document("$setOnInsert", page), upsert));
      }
      collection.bulkWrite(batch, unordered);
    }
  }

  private static MongoClient client(int port, CommandCounter counter) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(30, TimeUnit.SECONDS))
            .addCommandListener(counter)
            .build());
  }

  private static Process startServerProcess(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx8g",
                "-cp",
                System.getProperty("java.class.path"),
                MongoSeedBench.class.getName(),
                "server",
                String.valueOf(port))
            .redirectErrorStream(true)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("ready")) {
        Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}));
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IllegalStateException("the server process ended before it was ready");
  }

  private static void serve(int port) throws InterruptedException {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
    System.out.println("ready " + port);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long peakHeapMegabytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static long timed(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return millisSince(start);
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  static {
    Locale.setDefault(Locale.ROOT);
  }
}
