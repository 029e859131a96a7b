package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskPlan;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private TaskDriver driver;

  @BeforeEach
  void setUp() {
    output = temp.resolve("out");
    driver = new TaskDriver(new SitemapTask(), temp.resolve("state"));
    driver.settings.put("siteUrl", Corpus.SITE);
    driver.settings.put("outputDir", output.toString());
    driver.settings.put("source", Map.of("type", "jsonl", "file", Corpus.MARCH.toString(),
        "urlTemplate", "pages/{+id}"));
  }

  @AfterEach
  void tearDown() {
    driver.stop();
  }

  @Test
  void refusesAndCountsUrlsOutsideTheSitemapLocationAndDuplicates() throws Exception {
    driver.settings.put("sitemapUrl", "https://camarad.example/docs/");
    driver.settings.put("source", Map.of("type", "list", "urls", List.of(
        "docs/a", "https://camarad.example/docs/b 2026-03-01", "https://other.example/docs/c",
        "/blog/d", "docs/a")));

    TaskPlan plan = driver.plan();
    TaskDriver.Result result = driver.apply();

    assertThat(plan.summary()).contains("refused 1 invalid, 2 outside the sitemap location");
    assertThat(plan.changes()).filteredOn(c -> c.action().equals("refuse")).extracting(
        c -> c.target()).containsExactly(
            "tasks.sitemap.source.urls.2: https://other.example/docs/c is outside the sitemap "
                + "location https://camarad.example/docs/",
            "tasks.sitemap.source.urls.3: https://camarad.example/blog/d is outside the "
                + "sitemap location https://camarad.example/docs/",
            "duplicate URL https://camarad.example/docs/a");
    assertThat(result.outcome().counts()).containsEntry("refused", 3L).containsEntry("urls", 2L);
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).containsExactly(
        Map.entry("https://camarad.example/docs/a", ""),
        Map.entry("https://camarad.example/docs/b", "2026-03-01"));
    assertThat(driver.logLines()).anySatisfy(line -> assertThat(line)
        .contains("2 outside the sitemap location").contains("other.example"));
  }

  @Test
  void splitsGzipsAndIndexesAndRewritesWhenALimitChanges() throws Exception {
    driver.settings.put("gzip", true);
    driver.settings.put("maxUrlsPerFile", 1000);

    driver.apply();

    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml.gz"))
        .isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(SitemapFiles.entries(output.resolve("sitemap.xml.gz"))).hasSize(7);
    assertThat(output.resolve("sitemap-7.xml.gz")).exists();

    driver.settings.put("maxUrlsPerFile", 2000);
    TaskPlan plan = driver.plan();
    driver.apply();

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
    Files.writeString(robots, "User-agent: *\nDisallow: /private\n"
        + "Sitemap: https://camarad.example/sitemap.xml\nSitemap: https://blog.example/s.xml\n");
    driver.settings.put("robotsTxt", robots.toString());
    driver.apply();
    assertThat(Files.readString(robots)).isEqualTo("User-agent: *\nDisallow: /private\n"
        + "Sitemap: https://blog.example/s.xml\nSitemap: https://camarad.example/sitemap.xml\n");

    driver.settings.put("gzip", true);
    driver.apply();
    assertThat(Files.readString(robots))
        .endsWith("Sitemap: https://camarad.example/sitemap.xml.gz\n")
        .doesNotContain("sitemap.xml\n");

    driver.compensate();
    assertThat(Files.readString(robots)).endsWith("Sitemap: https://camarad.example/sitemap.xml\n")
        .contains("Sitemap: https://blog.example/s.xml\n");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
    assertThat(output.resolve("sitemap.xml.gz")).doesNotExist();
  }

  @Test
  void keepsALastmodWithoutTimeZoneOutAndSaysSo() throws Exception {
    Path file = temp.resolve("pages.jsonl");
    Files.writeString(file, "{\"id\":\"a\",\"lastModified\":\"2026-03-01T10:00:00\"}\n"
        + "{\"id\":\"b\",\"lastModified\":\"2026-03-01T10:00:00+01:00\"}\n");
    driver.settings.put("source", Map.of("type", "jsonl", "file", file.toString(),
        "urlTemplate", "pages/{id}"));

    TaskDriver.Result result = driver.apply();

    assertThat(result.outcome().counts()).containsEntry("lastmod_dropped", 1L);
    assertThat(result.plan().changes()).anySatisfy(c -> assertThat(c.target())
        .isEqualTo("pages.jsonl:1: lastmod '2026-03-01T10:00:00' has no time zone; write it as "
            + "UTC ('Z') or with an offset"));
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).containsExactly(
        Map.entry(Corpus.SITE + "pages/a", ""),
        Map.entry(Corpus.SITE + "pages/b", "2026-03-01T09:00:00Z"));
  }

  @Test
  void aBrokenSourceLineFailsNamingFileAndLineAndPublishesNothing() throws Exception {
    driver.apply();
    Path file = temp.resolve("broken.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("{\"id\":\"a\",\"lastModified\":\"2026-03-01\"}\n{\"id\": oops}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    driver.settings.put("source", Map.of("type", "jsonl", "file", file.toString(),
        "urlTemplate", "pages/{+id}"));

    assertThatThrownBy(driver::plan).hasMessageContaining("broken.jsonl.gz:2: not valid JSON");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
  }

  @Test
  void aSourceWithoutAnyValidUrlFailsAndKeepsTheServedSitemap() throws Exception {
    driver.apply();
    driver.settings.put("source", Map.of("type", "list", "urls",
        List.of("https://elsewhere.example/a")));

    TaskDriver.Result result = driver.apply();

    assertThat(result.error()).hasMessageContaining("the source gave no valid URL")
        .hasMessageContaining("the served sitemap is kept");
    assertThat(SitemapFiles.servedUrls(output, "sitemap.xml")).hasSize(6_243);
  }

  @Test
  void refusesBadSettingsNamingTheKeyAndTheFix() {
    driver.settings.put("source", Map.of("type", "sql"));
    assertThatThrownBy(driver::plan).isInstanceOfSatisfying(SettingsException.class, e -> {
      assertThat(e.key()).isEqualTo("source.type");
      assertThat(e.getMessage()).contains("use one of mongodb, jsonl, list");
    });

    driver.settings.put("source", Map.of("type", "mongodb", "urlTemplate", "p/{id}",
        "file", "pages.jsonl"));
    assertThatThrownBy(driver::plan).isInstanceOfSatisfying(SettingsException.class,
        e -> assertThat(e.key()).isEqualTo("source.file"));

    driver.settings.put("source", Map.of("type", "jsonl", "urlTemplate", "p/{id}"));
    assertThatThrownBy(driver::plan).isInstanceOfSatisfying(SettingsException.class,
        e -> assertThat(e.key()).isEqualTo("source.file"));

    driver.settings.put("source", Map.of("type", "jsonl", "file", "x", "urlTemplate", "p/x"));
    assertThatThrownBy(driver::plan).hasMessageContaining("names no field");

    driver.settings.put("source", Map.of("type", "list", "urls", List.of("a")));
    driver.settings.put("maxUrlsPerFile", 50_001);
    assertThatThrownBy(driver::plan).isInstanceOfSatisfying(SettingsException.class,
        e -> assertThat(e.key()).isEqualTo("maxUrlsPerFile"));
  }

  @Test
  void aTokenWithoutZoneIdIsASettingsError() {
    driver.environment.put("CLOUDFLARE_API_TOKEN", "t");
    assertThatThrownBy(driver::plan).isInstanceOfSatisfying(SettingsException.class,
        e -> assertThat(e.key()).isEqualTo("cloudflare.zoneId"));
  }
}
