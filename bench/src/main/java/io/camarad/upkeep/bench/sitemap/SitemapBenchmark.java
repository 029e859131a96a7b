package io.camarad.upkeep.bench.sitemap;

import com.redfin.sitemapgenerator.W3CDateFormat;
import com.redfin.sitemapgenerator.WebSitemapGenerator;
import com.redfin.sitemapgenerator.WebSitemapUrl;
import io.camarad.upkeep.task.sitemap.JsonLinesPageSource;
import io.camarad.upkeep.task.sitemap.PageCursor;
import io.camarad.upkeep.task.sitemap.PageEntry;
import io.camarad.upkeep.task.sitemap.SitemapFormat;
import io.camarad.upkeep.task.sitemap.SitemapGenerator;
import io.camarad.upkeep.task.sitemap.SitemapTask;
import io.camarad.upkeep.task.sitemap.UrlTemplate;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * One million URLs from a JSON-lines file into uncompressed sitemaps: Upkeep's {@link
 * SitemapGenerator} against sitemapgen4j 1.1.2, both fed by the same JSON-lines reader and URL
 * template, in one JVM run. Prints the throughput of each and checks that both wrote the same URLs
 * with the same lastmod instants (an order-independent checksum, so the check itself needs no
 * memory).
 *
 * <p>Usage: {@code SitemapBenchmark compare|ours|theirs|task [urls] [workDir]}. {@code ours} alone
 * is the run to make under {@code -Xmx64m}; {@code task} runs the whole sitemap task through the
 * test kit twice (a first generation with its manifest, then a run that compares every URL with
 * that manifest and finds nothing to do).
 */
public final class SitemapBenchmark {
  private static final String SITE = "https://camarad.example/";
  private static final UrlTemplate TEMPLATE = UrlTemplate.parse(SITE + "pages/{+id}");
  private static final PrintStream OUT = System.out;

  private SitemapBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "compare";
    int urls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path work = Path.of(args.length > 2 ? args[2] : "bench/target/sitemap-bench");
    Path source = work.resolve("pages-" + urls + ".jsonl");
    Files.createDirectories(work);
    if (!Files.exists(source)) {
      writeSource(source, urls);
    }
    OUT.printf(
        "source %s: %,d pages, %,d bytes; max heap %,d MB; %d cores%n",
        source,
        urls,
        Files.size(source),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    switch (mode) {
      case "ours" -> report("upkeep", urls, oursTimed(source, work.resolve("ours")));
      case "theirs" -> report("sitemapgen4j", urls, theirsTimed(source, work.resolve("theirs")));
      case "task" -> task(source, work.resolve("task"), urls);
      case "parse" -> {
        parse(source);
        report("parse only", urls, parse(source));
      }
      default -> compare(source, work, urls);
    }
  }

  private static void compare(Path source, Path work, int urls) throws Exception {
    ours(source, work.resolve("ours"));
    theirs(source, work.resolve("theirs"));
    Timing oursBest = new Timing(Long.MAX_VALUE, Long.MAX_VALUE);
    Timing theirsBest = new Timing(Long.MAX_VALUE, Long.MAX_VALUE);
    for (int round = 1; round <= 3; round++) {
      Timing a = oursTimed(source, work.resolve("ours"));
      Timing b = theirsTimed(source, work.resolve("theirs"));
      report("round " + round + " upkeep", urls, a);
      report("round " + round + " sitemapgen4j", urls, b);
      oursBest = best(oursBest, a);
      theirsBest = best(theirsBest, b);
    }
    OUT.printf(
        "best wall: upkeep %,.0f URLs/s, sitemapgen4j %,.0f URLs/s, ratio %.2fx%n",
        rate(urls, oursBest.wallNanos()),
        rate(urls, theirsBest.wallNanos()),
        (double) theirsBest.wallNanos() / oursBest.wallNanos());
    OUT.printf(
        "best CPU:  upkeep %,.0f URLs/s, sitemapgen4j %,.0f URLs/s, ratio %.2fx%n",
        rate(urls, oursBest.cpuNanos()),
        rate(urls, theirsBest.cpuNanos()),
        (double) theirsBest.cpuNanos() / oursBest.cpuNanos());
    Checksum mine = checksum(work.resolve("ours"));
    Checksum theirs = checksum(work.resolve("theirs"));
    OUT.printf(
        "same URLs and lastmods: %s (upkeep %s, sitemapgen4j %s)%n",
        mine.equals(theirs), mine, theirs);
  }

  private static Timing best(Timing a, Timing b) {
    return new Timing(Math.min(a.wallNanos(), b.wallNanos()), Math.min(a.cpuNanos(), b.cpuNanos()));
  }

  private static void task(Path source, Path directory, int urls) throws Exception {
    if (Files.exists(directory)) {
      try (Stream<Path> all = Files.walk(directory)) {
        for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
    Path state = directory.resolve("state");
    for (String run : new String[] {"first generation", "unchanged"}) {
      TaskHarness harness =
          TaskHarness.forTask(new SitemapTask())
              .settings(
                  Map.of(
                      "siteUrl",
                      SITE,
                      "outputDir",
                      directory.resolve("out").toAbsolutePath().toString(),
                      "source",
                      Map.of(
                          "type",
                          "jsonl",
                          "file",
                          source.toAbsolutePath().toString(),
                          "urlTemplate",
                          "pages/{+id}")))
              .stateDirectory(state)
              .build();
      long start = System.nanoTime();
      RunResult result = harness.apply();
      long nanos = System.nanoTime() - start;
      report("task, " + run, urls, nanos);
      OUT.printf("  %s: %s%n", result.status(), result.summary());
    }
  }

  /** Reading the source alone, the cost both generators share. */
  private static long parse(Path source) throws Exception {
    long start = System.nanoTime();
    long chars = 0;
    try (PageCursor pages = JsonLinesPageSource.cursor(source, TEMPLATE, "lastModified")) {
      for (Optional<PageEntry> next = pages.next(); next.isPresent(); next = pages.next()) {
        chars += ((PageEntry.Page) next.get()).location().length();
      }
    }
    if (chars == 0) {
      throw new IllegalStateException("no pages read");
    }
    return System.nanoTime() - start;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Wall and CPU time of one generation. */
  private record Timing(long wallNanos, long cpuNanos) {}

  private static Timing timed(Action action) throws Exception {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    action.run();
    return new Timing(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  private static long ours(Path source, Path directory) throws Exception {
    return oursTimed(source, directory).wallNanos();
  }

  private static Timing oursTimed(Path source, Path directory) throws Exception {
    clean(directory);
    return timed(() -> generateOurs(source, directory));
  }

  private static void generateOurs(Path source, Path directory) throws Exception {
    try (PageCursor pages = JsonLinesPageSource.cursor(source, TEMPLATE, "lastModified")) {
      SitemapGenerator.generate(pages, URI.create(SITE), SitemapFormat.standard(SITE), directory);
    }
  }

  private static long theirs(Path source, Path directory) throws Exception {
    return theirsTimed(source, directory).wallNanos();
  }

  private static Timing theirsTimed(Path source, Path directory) throws Exception {
    clean(directory);
    return timed(() -> generateTheirs(source, directory));
  }

  private static void generateTheirs(Path source, Path directory) throws Exception {
    W3CDateFormat dates = new W3CDateFormat(W3CDateFormat.Pattern.SECOND);
    dates.setTimeZone(W3CDateFormat.ZULU);
    WebSitemapGenerator generator =
        WebSitemapGenerator.builder(SITE, directory.toFile()).dateFormat(dates).gzip(false).build();
    try (PageCursor pages = JsonLinesPageSource.cursor(source, TEMPLATE, "lastModified")) {
      for (Optional<PageEntry> next = pages.next(); next.isPresent(); next = pages.next()) {
        PageEntry.Page page = (PageEntry.Page) next.get();
        Date lastmod = Date.from(Instant.parse((String) page.lastmod()));
        generator.addUrl(new WebSitemapUrl.Options(page.location()).lastMod(lastmod).build());
      }
    }
    generator.write();
    generator.writeSitemapsWithIndex();
  }

  private static void writeSource(Path file, int urls) throws IOException {
    Instant base = Instant.parse("2020-01-01T00:00:00Z");
    DateTimeFormatter format = DateTimeFormatter.ISO_INSTANT;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int n = 0; n < urls; n++) {
        String command =
            n % 97 == 0
                ? "cmd[" + n + "]"
                : n % 89 == 0 ? "c++" + n : n % 83 == 0 ? "!" + n : "command-" + n;
        String lastmod = format.format(base.plusSeconds(n * 97L % 200_000_000L));
        out.write(
            "{\"id\":\"platform-"
                + (n % 7)
                + "/"
                + command
                + "\",\"title\":\"Page "
                + n
                + "\",\"summary\":\"A page about "
                + command
                + ", its options and a few examples of everyday use.\",\"lastModified\":\""
                + lastmod
                + "\"}\n");
      }
    }
  }

  /** Count and sum of hashes of "loc|lastmod instant" over every urlset file. */
  private record Checksum(long urls, long sum) {}

  private static Checksum checksum(Path directory) throws Exception {
    long urls = 0;
    long sum = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
          XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in);
          String loc = null;
          while (reader.hasNext()) {
            if (reader.next() != XMLStreamConstants.START_ELEMENT) {
              continue;
            }
            if (reader.getLocalName().equals("sitemapindex")) {
              break;
            } else if (reader.getLocalName().equals("loc")) {
              loc = reader.getElementText();
            } else if (reader.getLocalName().equals("lastmod")) {
              Instant when = OffsetDateTime.parse(reader.getElementText()).toInstant();
              sum += (loc + "|" + when).hashCode() * 0x9E3779B97F4A7C15L;
              urls++;
            }
          }
        }
      }
    }
    return new Checksum(urls, sum);
  }

  private static void clean(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(directory);
  }

  private static void report(String what, int urls, Timing timing) {
    OUT.printf(
        "%-26s %,d URLs in %,d ms (CPU %,d ms): %,.0f URLs/s%n",
        what,
        urls,
        timing.wallNanos() / 1_000_000,
        timing.cpuNanos() / 1_000_000,
        rate(urls, timing.wallNanos()));
  }

  private static void report(String what, int urls, long nanos) {
    OUT.printf(
        "%-26s %,d URLs in %,d ms: %,.0f URLs/s%n",
        what, urls, nanos / 1_000_000, rate(urls, nanos));
  }

  private static double rate(int urls, long nanos) {
    return urls / (nanos / 1e9);
  }
}
