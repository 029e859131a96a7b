package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The sitemap task's settings, read once per call.
 *
 * @param siteUrl the site's base URL; relative page URLs resolve against it
 * @param location where the sitemap files are published, and so which URLs they may list
 * @param outputDir the directory the web server serves the sitemap files from
 * @param format how files are written
 * @param robotsTxt the robots.txt to keep in line, or {@code null}
 * @param sampleSize how many URLs of each kind plans and reports show
 * @param source the {@code source} section
 * @param cloudflare the {@code cloudflare} section
 */
record SitemapSettings(
    URI siteUrl,
    SitemapLocation location,
    Path outputDir,
    SitemapFormat format,
    Path robotsTxt,
    int sampleSize,
    Settings source,
    Settings cloudflare) {

  static final List<String> CHANGEFREQ =
      List.of("off", "always", "hourly", "daily", "weekly", "monthly", "yearly", "never");

  static SettingsSpec spec(PageSources sources) {
    return SettingsSpec.builder()
        .requiredUri("siteUrl", "the site's base URL, for example https://camarad.example/")
        .uri(
            "sitemapUrl",
            null,
            "where outputDir is published (default: siteUrl); pages must lie under it")
        .path("outputDir", "site/sitemaps", "the directory served at sitemapUrl")
        .string("fileName", "sitemap", "file name without extension of the sitemap or index")
        .integer("maxUrlsPerFile", SitemapFormat.MAX_URLS, "URLs per sitemap file, at most 50,000")
        .longValue(
            "maxBytesPerFile",
            SitemapFormat.MAX_BYTES,
            "uncompressed bytes per sitemap file, at most 52,428,800")
        .bool("gzip", false, "write .xml.gz files")
        .choice(
            "changefreq",
            "changefreq of every URL (ignored by Google)",
            CHANGEFREQ.toArray(String[]::new))
        .decimal("priority", null, "priority of every URL, 0.0 to 1.0 (ignored by Google)")
        .path("robotsTxt", null, "a robots.txt whose Sitemap: line is kept in line")
        .integer("sampleSize", 10, "how many URLs of each kind plans and reports list")
        .section("source", sources.sectionSpec(), "where the pages come from")
        .section("cloudflare", CloudflareSettings.spec(), "optional CDN purge")
        .build();
  }

  static SitemapSettings read(Settings settings) {
    URI siteUrl = settings.uri("siteUrl");
    SitemapLocation location =
        SitemapLocation.of(settings.find("sitemapUrl", URI.class).orElse(siteUrl));
    String changefreq = settings.find("changefreq", String.class).orElse("off");
    SitemapFormat format =
        new SitemapFormat(
            settings.find("fileName", String.class).orElse("sitemap"),
            location.url(),
            settings.find("maxUrlsPerFile", Integer.class).orElse(SitemapFormat.MAX_URLS),
            settings.find("maxBytesPerFile", Long.class).orElse(SitemapFormat.MAX_BYTES),
            settings.find("gzip", Boolean.class).orElse(false),
            "off".equals(changefreq) ? null : changefreq,
            settings.find("priority", Double.class).orElse(null));
    return new SitemapSettings(
        siteUrl,
        location,
        settings.find("outputDir", Path.class).orElse(Path.of("site/sitemaps")),
        format,
        settings.find("robotsTxt", Path.class).orElse(null),
        settings.find("sampleSize", Integer.class).orElse(10),
        settings.section("source"),
        settings.section("cloudflare"));
  }

  /** Checks what the spec cannot: URLs, limits, the source type and its own settings. */
  static void validate(Settings settings, PageSources sources) throws SettingsException {
    checkUrl(settings, "siteUrl");
    checkUrl(settings, "sitemapUrl");
    String fileName = settings.find("fileName", String.class).orElse("sitemap");
    if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new SettingsException(
          "fileName",
          "fileName '"
              + fileName
              + "' must be a plain file name (letters, digits, '.', '_', '-'), like 'sitemap'");
    }
    try {
      read(settings);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(limitKey(e.getMessage()), e.getMessage());
    }
    validateSource(settings.section("source"), sources);
    CloudflareSettings.validate(settings.section("cloudflare"));
  }

  private static void checkUrl(Settings settings, String key) throws SettingsException {
    Optional<URI> url = settings.find(key, URI.class);
    if (url.isEmpty()) {
      return;
    }
    try {
      SitemapLocation.of(url.get());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(
          key, key + " " + e.getMessage() + "; write it like https://camarad.example/");
    }
  }

  private static String limitKey(String message) {
    if (message.startsWith("maxUrls")) {
      return "maxUrlsPerFile";
    }
    return message.startsWith("maxBytes") ? "maxBytesPerFile" : "priority";
  }

  private static void validateSource(Settings source, PageSources sources)
      throws SettingsException {
    String type = source.find("type", String.class).orElse("");
    PageSource chosen =
        sources
            .find(type)
            .orElseThrow(
                () ->
                    new SettingsException(
                        "source.type",
                        "unknown source type '"
                            + type
                            + "'; use one of "
                            + String.join(", ", sources.types())
                            + ", or add the jar of a PageSource of that type"));
    for (String key : source.keys()) {
      boolean own = key.equals("type") || chosen.settingsSpec().setting(key).isPresent();
      if (!own && !"default".equals(source.origin(key))) {
        throw new SettingsException(
            "source." + key,
            "'" + key + "' does not apply to source type '" + type + "'; remove it");
      }
    }
    try {
      chosen.validate(source);
    } catch (SettingsException e) {
      throw new SettingsException("source." + e.key(), e.getMessage());
    }
  }

  /** A hash of every setting that shapes the published files. */
  String fingerprint() {
    String text =
        String.join(
            "\n",
            siteUrl.toString(),
            location.url(),
            outputDir.toAbsolutePath().normalize().toString(),
            format.toString(),
            String.valueOf(robotsTxt));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
