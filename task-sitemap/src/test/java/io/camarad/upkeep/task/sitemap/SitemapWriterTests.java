package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitemapWriterTests {
  private static final String DIR = "https://camarad.example/";

  @TempDir Path dir;

  @AfterEach
  void everyFileWrittenIsValidAgainstTheSchemas() throws Exception {
    SitemapFiles.validateAll(dir);
  }

  private static SitemapFormat format(int maxUrls, long maxBytes, boolean gzip) {
    return new SitemapFormat("sitemap", DIR, maxUrls, maxBytes, gzip, null, null);
  }

  private Map<String, String> write(SitemapFormat format, int count, int pad) throws Exception {
    Map<String, String> written = new LinkedHashMap<>();
    try (SitemapWriter writer = SitemapWriter.create(dir, format)) {
      for (int i = 0; i < count; i++) {
        String loc = DIR + "pages/" + i + "x".repeat(pad);
        String lastmod = String.format("2026-03-%02dT10:00:00Z", 1 + i % 28);
        writer.add(loc, lastmod);
        written.put(loc, lastmod);
      }
      writer.finish();
    }
    return written;
  }

  @Test
  void writesOneValidSitemapNamedLikeTheIndexWhenEverythingFits() throws Exception {
    Map<String, String> written = write(SitemapFormat.standard(DIR), 3, 0);

    assertThat(SitemapFiles.listFiles(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("sitemap.xml");
    assertThat(SitemapFiles.servedUrls(dir, "sitemap.xml")).isEqualTo(written);
    assertThat(Files.readString(dir.resolve("sitemap.xml")))
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .doesNotContain("changefreq", "priority");
  }

  @Test
  void escapesUrlsForXmlSoParsersReadThemBackUnchanged() throws Exception {
    String loc = DIR + "search?q=a&b='c'&d=\"e\"&f=<g>";
    try (SitemapWriter writer = SitemapWriter.create(dir, SitemapFormat.standard(DIR))) {
      writer.add(loc, "2026-03-01");
      writer.finish();
    }
    String xml = Files.readString(dir.resolve("sitemap.xml"));
    assertThat(xml).contains("q=a&amp;b=&apos;c&apos;&amp;d=&quot;e&quot;&amp;f=&lt;g&gt;");
    assertThat(SitemapFiles.entries(dir.resolve("sitemap.xml")))
        .containsExactly(Map.entry(loc, "2026-03-01"));
  }

  @Test
  void splitsAtTheUrlLimitAndWritesAnIndexWithEachFilesLatestLastmod() throws Exception {
    Map<String, String> written = write(format(4, SitemapFormat.MAX_BYTES, false), 10, 0);

    assertThat(SitemapFiles.listFiles(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml");
    Map<String, String> index = SitemapFiles.entries(dir.resolve("sitemap.xml"));
    assertThat(index)
        .containsExactly(
            Map.entry(DIR + "sitemap-1.xml", "2026-03-04T10:00:00Z"),
            Map.entry(DIR + "sitemap-2.xml", "2026-03-08T10:00:00Z"),
            Map.entry(DIR + "sitemap-3.xml", "2026-03-10T10:00:00Z"));
    assertThat(SitemapFiles.entries(dir.resolve("sitemap-3.xml"))).hasSize(2);
    assertThat(SitemapFiles.servedUrls(dir, "sitemap.xml")).isEqualTo(written);
  }

  @Test
  void splitsBeforeAFileWouldPassTheByteLimit() throws Exception {
    long limit = 8_192;
    Map<String, String> written = write(format(50_000, limit, false), 40, 900);

    List<Path> parts =
        SitemapFiles.listFiles(dir).stream()
            .filter(p -> !p.getFileName().toString().equals("sitemap.xml"))
            .toList();
    assertThat(parts).hasSizeGreaterThan(4);
    for (Path part : parts) {
      assertThat(Files.size(part)).isLessThanOrEqualTo(limit);
    }
    assertThat(SitemapFiles.servedUrls(dir, "sitemap.xml")).isEqualTo(written);
  }

  @Test
  void countsTheByteLimitUncompressedWhenGzipping() throws Exception {
    long limit = 8_192;
    Map<String, String> written = write(format(50_000, limit, true), 40, 900);

    List<Path> parts =
        SitemapFiles.listFiles(dir).stream()
            .filter(p -> !p.getFileName().toString().equals("sitemap.xml.gz"))
            .toList();
    assertThat(parts).allSatisfy(p -> assertThat(p.toString()).endsWith(".xml.gz"));
    for (Path part : parts) {
      try (InputStream in = SitemapFiles.open(part)) {
        assertThat((long) in.readAllBytes().length).isLessThanOrEqualTo(limit);
      }
    }
    assertThat(SitemapFiles.servedUrls(dir, "sitemap.xml.gz")).isEqualTo(written);
  }

  @Test
  void splitsAtTheRealLimitOfFiftyThousandUrls() throws Exception {
    write(SitemapFormat.standard(DIR), 50_001, 0);

    assertThat(SitemapFiles.entries(dir.resolve("sitemap-1.xml"))).hasSize(50_000);
    assertThat(SitemapFiles.entries(dir.resolve("sitemap-2.xml"))).hasSize(1);
    SitemapFiles.validate(dir.resolve("sitemap.xml"));
    SitemapFiles.validate(dir.resolve("sitemap-1.xml"));
  }

  @Test
  void splitsAtTheRealLimitOfFiftyMegabytesWithLongUrls() throws Exception {
    // URLs of 2,000 characters: about 25,700 fill 50 MB, far below 50,000.
    write(SitemapFormat.standard(DIR), 26_000, 1_970);

    long first = Files.size(dir.resolve("sitemap-1.xml"));
    assertThat(first)
        .isLessThanOrEqualTo(SitemapFormat.MAX_BYTES)
        .isGreaterThan(SitemapFormat.MAX_BYTES - 2_100);
    assertThat(
            SitemapFiles.entries(dir.resolve("sitemap-1.xml")).size()
                + SitemapFiles.entries(dir.resolve("sitemap-2.xml")).size())
        .isEqualTo(26_000);
    SitemapFiles.validate(dir.resolve("sitemap-2.xml"));
  }

  @Test
  void writesChangefreqAndPriorityOnlyWhenAsked() throws Exception {
    SitemapFormat format = new SitemapFormat("sitemap", DIR, 10, 10_000, false, "weekly", 0.5);
    try (SitemapWriter writer = SitemapWriter.create(dir, format)) {
      writer.add(DIR + "a", null);
      writer.finish();
    }
    assertThat(Files.readString(dir.resolve("sitemap.xml")))
        .contains("<changefreq>weekly</changefreq><priority>0.5</priority>")
        .doesNotContain("lastmod");
    SitemapFiles.validate(dir.resolve("sitemap.xml"));
  }

  @Test
  void refusesToFinishAnEmptySitemap() throws Exception {
    try (SitemapWriter writer = SitemapWriter.create(dir, SitemapFormat.standard(DIR))) {
      assertThatThrownBy(writer::finish).hasMessageContaining("at least one");
    }
  }
}
