package io.camarad.upkeep.task.sitemap;

import java.util.Objects;

/**
 * How sitemap files are written.
 *
 * @param baseName the file name without extension: {@code sitemap} gives {@code sitemap.xml} (the
 *     single sitemap or the index) and {@code sitemap-1.xml}, {@code sitemap-2.xml}, ...
 * @param directoryUrl the URL where the files are published, ending in {@code /}; the index names
 *     each sitemap by it
 * @param maxUrls URLs per file, at most 50,000
 * @param maxBytes uncompressed bytes per file, at most 52,428,800
 * @param gzip whether files are gzip-compressed (names end in {@code .xml.gz})
 * @param changefreq the {@code changefreq} of every URL, or {@code null} for none
 * @param priority the {@code priority} of every URL, or {@code null} for none
 * @since 0.1
 */
public record SitemapFormat(
    String baseName,
    String directoryUrl,
    int maxUrls,
    long maxBytes,
    boolean gzip,
    String changefreq,
    Double priority) {

  /** The sitemaps.org limit of URLs per file. */
  public static final int MAX_URLS = 50_000;

  /** The sitemaps.org limit of uncompressed bytes per file (50 MB). */
  public static final long MAX_BYTES = 52_428_800L;

  public SitemapFormat {
    Objects.requireNonNull(baseName, "baseName");
    Objects.requireNonNull(directoryUrl, "directoryUrl");
    if (maxUrls < 1 || maxUrls > MAX_URLS) {
      throw new IllegalArgumentException("maxUrls must be 1 to 50,000, not " + maxUrls);
    }
    if (maxBytes < 1024 || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException("maxBytes must be 1,024 to 52,428,800, not " + maxBytes);
    }
    if (priority != null && (priority < 0 || priority > 1)) {
      throw new IllegalArgumentException("priority must be 0.0 to 1.0, not " + priority);
    }
  }

  /** Plain sitemaps with the protocol's limits, no gzip, no changefreq or priority. */
  public static SitemapFormat standard(String directoryUrl) {
    return new SitemapFormat("sitemap", directoryUrl, MAX_URLS, MAX_BYTES, false, null, null);
  }

  /** The file name of the single sitemap or the index. */
  public String indexName() {
    return baseName + extension();
  }

  /** The file name of the {@code n}th sitemap (from 1) when there is an index. */
  public String partName(int n) {
    return baseName + "-" + n + extension();
  }

  private String extension() {
    return gzip ? ".xml.gz" : ".xml";
  }
}
