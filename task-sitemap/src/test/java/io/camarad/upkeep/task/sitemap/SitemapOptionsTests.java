package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import io.camarad.upkeep.testkit.TaskHarness;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings of the task: list source, location rule, gzip, splitting, robots.txt, bad input. */
class SitemapOptionsTests {
  @TempDir Path temp;
  private Path output;
  private final Map<String, Object> settings = new LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    output = temp.resolve("out");
    settings.put("siteUrl", Corpus.SITE);
    settings.put("outputDir", output.toString());
    settings.put(
        "source",
        Map.of(
            "type",
            "jsonl",
            "file",
            Corpus.MARCH.toAbsolutePath().toString(),
            "urlTemplate",
            "pages/{+id}"));
  }

  @AfterEach
  void everyFileWrittenIsValidAgainstTheSchemas() throws Exception {
    SitemapFiles.validateAll(output);
  }

  private TaskHarness harness() {
    return TaskHarness.forTask(new SitemapTask())
        .settings(settings)
        .stateDirectory(temp.resolve("state"))
        .build();
  }

  private static RunResult succeeded(RunResult result) {
    assertThat(result.error()).as("error of %s", result).isEmpty();
    return result;
  }

  @Test
  void refusesAndCountsUrlsOutsideTheSitemapLocationAndDuplicates() throws Exception {
    settings.put("sitemapUrl", "https://camarad.example/docs/");
    settings.put(
        "source",
        Map.of(
            "type",
            "list",
            "urls",
            List.of(
                "docs/a",
                "https://camarad.example/docs/b 2026-03-01",
                "https://other.example/docs/c",
                "/blog/d",
                "docs/a")));

    TaskPlan plan = harness().plan();
    TaskHarness harness = harness();
    RunResult result = succeeded(harness.apply());

    assertThat(plan.summary()).contains("refused 1 invalid, 2 outside the sitemap location");
    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("refuse"))
        .extracting(c -> c.target())
        .containsExactly(
            "tasks.sitemap.settings.source.urls.2: https://other.example/docs/c is outside the "
                + "sitemap location https://camarad.example/docs/",
            "tasks.sitemap.settings.source.urls.3: https://camarad.example/blog/d is outside "
                + "the sitemap location https://camarad.example/docs/",
            "tasks.sitemap.settings.source.urls.4: duplicate URL https://camarad.example/docs/a");
    assertThat(result.outcome().counts()).containsEntry("refused", 3L).containsEntry("urls", 2L);
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml"))
        .containsExactly(
            Map.entry("https://camarad.example/docs/a", ""),
            Map.entry("https://camarad.example/docs/b", "2026-03-01"));
    assertThat(harness.logs())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("2 outside the sitemap location")
                    .contains("other.example"));
  }

  @Test
  void splitsGzipsAndIndexesAndRewritesWhenALimitChanges() throws Exception {
    settings.put("gzip", true);
    settings.put("maxUrlsPerFile", 1000);

    succeeded(harness().apply());

    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml.gz"))
        .isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(SitemapFiles.entries(output.resolve("sitemap.xml.gz"))).hasSize(7);
    assertThat(output.resolve("sitemap-7.xml.gz")).exists();

    settings.put("maxUrlsPerFile", 2000);
    TaskPlan plan = harness().plan();
    succeeded(harness().apply());

    assertThat(plan.summary()).contains("settings changed");
    assertThat(SitemapFiles.entries(output.resolve("sitemap.xml.gz"))).hasSize(4);
    assertThat(output.resolve("sitemap-5.xml.gz")).doesNotExist();
    assertThat(Files.isSymbolicLink(output.resolve("sitemap-5.xml.gz"))).isFalse();
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml.gz"))
        .isEqualTo(Corpus.urls(Corpus.MARCH));
  }

  @Test
  void keepsTheSitemapLineOfRobotsTxtInLineAndRestoresItOnUndo() throws Exception {
    Path robots = temp.resolve("robots.txt");
    Files.writeString(
        robots,
        "User-agent: *\nDisallow: /private\n"
            + "Sitemap: https://camarad.example/sitemap.xml\nSitemap: https://blog.example/s.xml\n");
    settings.put("robotsTxt", robots.toString());
    succeeded(harness().apply());
    assertThat(Files.readString(robots))
        .isEqualTo(
            "User-agent: *\nDisallow: /private\n"
                + "Sitemap: https://blog.example/s.xml\nSitemap: https://camarad.example/sitemap.xml\n");

    settings.put("gzip", true);
    TaskHarness second = harness();
    succeeded(second.apply());
    assertThat(Files.readString(robots))
        .endsWith("Sitemap: https://camarad.example/sitemap.xml.gz\n")
        .doesNotContain("sitemap.xml\n");

    second.undo(UndoReason.COMPENSATE);
    assertThat(Files.readString(robots))
        .endsWith("Sitemap: https://camarad.example/sitemap.xml\n")
        .contains("Sitemap: https://blog.example/s.xml\n");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
    assertThat(output.resolve("sitemap.xml.gz")).doesNotExist();
  }

  @Test
  void keepsALastmodWithoutTimeZoneOutAndSaysSo() throws Exception {
    Path file = temp.resolve("pages.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"lastModified\":\"2026-03-01T10:00:00\"}\n"
            + "{\"id\":\"b\",\"lastModified\":\"2026-03-01T10:00:00+01:00\"}\n");
    settings.put(
        "source", Map.of("type", "jsonl", "file", file.toString(), "urlTemplate", "pages/{id}"));

    RunResult result = succeeded(harness().apply());

    assertThat(result.outcome().counts()).containsEntry("lastmod_dropped", 1L);
    assertThat(result.plan().changes())
        .anySatisfy(
            c ->
                assertThat(c.target())
                    .isEqualTo(
                        "pages.jsonl:1: lastmod '2026-03-01T10:00:00' has no time zone; write it as "
                            + "UTC ('Z') or with an offset"));
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml"))
        .containsExactly(
            Map.entry(Corpus.SITE + "pages/a", ""),
            Map.entry(Corpus.SITE + "pages/b", "2026-03-01T09:00:00Z"));
  }

  @Test
  void aBrokenSourceLineFailsNamingFileAndLineAndPublishesNothing() throws Exception {
    succeeded(harness().apply());
    Path file = temp.resolve("broken.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "{\"id\":\"a\",\"lastModified\":\"2026-03-01\"}\n{\"id\": oops}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    settings.put(
        "source", Map.of("type", "jsonl", "file", file.toString(), "urlTemplate", "pages/{+id}"));

    assertThatThrownBy(() -> harness().plan())
        .hasMessageContaining("broken.jsonl.gz:2: not valid JSON");
    assertThat(harness().apply().error()).get().asString().contains("broken.jsonl.gz:2");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
  }

  @Test
  void aSourceWithoutAnyValidUrlFailsAndKeepsTheServedSitemap() throws Exception {
    succeeded(harness().apply());
    settings.put("source", Map.of("type", "list", "urls", List.of("https://elsewhere.example/a")));

    RunResult result = harness().apply();

    assertThat(result.error())
        .get()
        .asString()
        .contains("the source gave no valid URL")
        .contains("the served sitemap, if any, is kept");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
  }

  @Test
  void refusesBadSettingsNamingTheKeyAndTheFix() {
    settings.put("source", Map.of("type", "sql"));
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tasks.sitemap.settings.source.type")
                    .contains("use one of mongodb, jsonl, list"));

    settings.put(
        "source", Map.of("type", "mongodb", "urlTemplate", "p/{id}", "file", "pages.jsonl"));
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tasks.sitemap.settings.source.file")
                    .contains("does not apply to source type 'mongodb'"));

    settings.put("source", Map.of("type", "jsonl", "urlTemplate", "p/{id}"));
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tasks.sitemap.settings.source.file")
                    .contains("needs 'file'"));

    settings.put("source", Map.of("type", "jsonl", "file", "x", "urlTemplate", "p/x"));
    assertThat(problems()).anySatisfy(p -> assertThat(p).contains("names no field"));

    settings.put("source", Map.of("type", "list", "urls", List.of("a")));
    settings.put("maxUrlsPerFile", 50_001);
    assertThat(problems())
        .anySatisfy(p -> assertThat(p).startsWith("tasks.sitemap.settings.maxUrlsPerFile"));

    settings.put("maxUrlsPerFile", 10);
    settings.put("fileName", "../sitemap");
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tasks.sitemap.settings.fileName")
                    .contains("plain file name"));

    settings.put("fileName", "sitemap");
    settings.put("sitemapUrl", "ftp://camarad.example/");
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tasks.sitemap.settings.sitemapUrl")
                    .contains("https://camarad.example/"));
  }

  private List<String> problems() {
    try {
      harness();
    } catch (SettingsProblemsException e) {
      return e.problems();
    }
    throw new AssertionError("the settings were accepted: " + settings);
  }

  @Test
  void aTokenWithoutZoneIdIsASettingsError() {
    TaskHarness harness =
        TaskHarness.forTask(new SitemapTask())
            .settings(settings)
            .environment(Map.of("CLOUDFLARE_API_TOKEN", "t"))
            .stateDirectory(temp.resolve("s"))
            .build();
    assertThatThrownBy(harness::plan)
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.key()).isEqualTo("cloudflare.zoneId"));
  }
}
