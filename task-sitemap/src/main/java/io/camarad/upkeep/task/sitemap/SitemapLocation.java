package io.camarad.upkeep.task.sitemap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the sitemap files are published ({@code sitemapUrl}), and the sitemaps.org location rule
 * that follows from it: a sitemap may list only URLs with the same scheme, host and port, under the
 * same path.
 *
 * @param scheme lowercase scheme
 * @param host lowercase host
 * @param port the effective port (80 or 443 when not written)
 * @param path the directory path, ending in {@code /}
 * @param url the directory URL as given, ending in {@code /}
 */
record SitemapLocation(String scheme, String host, int port, String path, String url) {

  /** The location of a directory URL; a missing trailing slash is added. */
  static SitemapLocation of(URI directory) {
    String text = directory.toString();
    String url = text.endsWith("/") ? text : text + "/";
    URI uri = URI.create(url);
    if (uri.getHost() == null || !isHttp(uri.getScheme())) {
      throw new IllegalArgumentException(
          "'" + directory + "' is not an absolute http(s) URL with a host");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return new SitemapLocation(
        scheme,
        uri.getHost().toLowerCase(Locale.ROOT),
        effectivePort(scheme, uri.getPort()),
        uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
        url);
  }

  /** Whether {@code candidate} lies under this location. */
  boolean contains(URI candidate) {
    String candidateScheme = candidate.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals(candidateScheme)
        && host.equalsIgnoreCase(candidate.getHost())
        && port == effectivePort(candidateScheme, candidate.getPort())
        && rawPath(candidate).startsWith(path);
  }

  /** The URL of a file published in this directory. */
  String fileUrl(String fileName) {
    return url + fileName;
  }

  /** Parses a URL, or throws with a reason fit for a report. */
  static URI parse(String url) {
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute() || !isHttp(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed URL: " + e.getReason() + " at " + e.getIndex());
    }
  }

  private static String rawPath(URI uri) {
    String raw = uri.getRawPath();
    return raw == null || raw.isEmpty() ? "/" : raw;
  }

  private static boolean isHttp(String scheme) {
    return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
  }

  private static int effectivePort(String scheme, int port) {
    if (port >= 0) {
      return port;
    }
    return "https".equals(scheme) ? 443 : 80;
  }
}
