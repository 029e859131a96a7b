package io.camarad.upkeep.task.sitemap;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Turns what a source gave into a sitemap URL, or says why it cannot: resolves relative locations
 * against the site URL, percent-escapes what is not allowed in a URI (RFC 3986), checks the length
 * and the location rule, and normalizes {@code lastmod}.
 */
final class PageValidator {
  /** Longest URL the sitemaps.org schema accepts. */
  static final int MAX_URL_LENGTH = 2048;

  /** Shortest URL the sitemaps.org schema accepts. */
  static final int MIN_URL_LENGTH = 12;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** ASCII characters that may stand unescaped in a URI, besides '%', '[' and ']'. */
  private static final boolean[] URI_CHARS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      URI_CHARS[c] = UrlTemplate.isUnreserved(c) || ":/?#@!$&'()*+,;=".indexOf(c) >= 0;
    }
  }

  private final String siteBase;
  private final String siteOrigin;
  private final SitemapLocation location;

  PageValidator(URI siteUrl, SitemapLocation location) {
    String site = siteUrl.toString();
    this.siteBase = site.endsWith("/") ? site : site + "/";
    URI base = URI.create(siteBase);
    this.siteOrigin = base.getScheme() + "://" + base.getRawAuthority();
    this.location = location;
  }

  /** The verdict on one entry. */
  Verdict check(PageEntry entry) {
    if (entry instanceof PageEntry.Invalid invalid) {
      return new Verdict.Refused(Refusal.INVALID, invalid.reason(), invalid.origin());
    }
    PageEntry.Page page = (PageEntry.Page) entry;
    String url = escapeForUri(resolve(page.location()));
    if (url.length() >= MAX_URL_LENGTH || url.length() < MIN_URL_LENGTH) {
      return new Verdict.Refused(
          Refusal.INVALID,
          "URL of "
              + url.length()
              + " characters (a sitemap takes 12 to 2,047): "
              + abbreviate(url),
          page.origin());
    }
    if (hasDotSegment(url)) {
      return new Verdict.Refused(
          Refusal.INVALID,
          "URL with a '.' or '..' path segment, which clients remove: " + url,
          page.origin());
    }
    if (isPlainUnderLocation(url)) {
      return accepted(url, page);
    }
    return checkParsed(url, page);
  }

  /** The general case: parse the URL and compare its parts with the location. */
  private Verdict checkParsed(String url, PageEntry.Page page) {
    URI uri;
    try {
      uri = SitemapLocation.parse(url);
    } catch (IllegalArgumentException e) {
      return new Verdict.Refused(Refusal.INVALID, e.getMessage() + ": " + url, page.origin());
    }
    if (!location.contains(uri)) {
      return new Verdict.Refused(
          Refusal.OUTSIDE_LOCATION,
          url + " is outside the sitemap location " + location.url(),
          page.origin());
    }
    return accepted(url, page);
  }

  /**
   * The fast case, taken by nearly every URL a template makes: the URL starts with the location
   * exactly as written, and the rest holds only path, query and fragment characters, so it is valid
   * and under the location without parsing.
   */
  private boolean isPlainUnderLocation(String url) {
    String prefix = location.url();
    if (!url.startsWith(prefix)) {
      return false;
    }
    boolean fragment = false;
    for (int i = prefix.length(); i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '#') {
        if (fragment) {
          return false;
        }
        fragment = true;
      } else if (!allowedAt(url, i, prefix.length())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the path holds a {@code .} or {@code ..} segment. */
  static boolean hasDotSegment(String url) {
    if (!url.contains("/.")) {
      return false;
    }
    int start = url.indexOf("://");
    int pathStart = start < 0 ? 0 : url.indexOf('/', start + 3);
    if (pathStart < 0) {
      return false;
    }
    int end = pathStart;
    while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != '#') {
      end++;
    }
    String path = url.substring(pathStart, end);
    return path.contains("/./")
        || path.contains("/../")
        || path.endsWith("/.")
        || path.endsWith("/..");
  }

  private static Verdict accepted(String url, PageEntry.Page page) {
    if (page.lastmod() == null) {
      return new Verdict.Accepted(url, null, null, page.origin());
    }
    try {
      return new Verdict.Accepted(
          url, LastmodFormat.normalize(page.lastmod()), null, page.origin());
    } catch (IllegalArgumentException e) {
      return new Verdict.Accepted(url, null, page.origin() + ": " + e.getMessage(), page.origin());
    }
  }

  private String resolve(String location) {
    if (hasScheme(location)) {
      return location;
    }
    if (location.startsWith("/")) {
      return siteOrigin + location;
    }
    return siteBase + location;
  }

  private static boolean hasScheme(String location) {
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (c == ':') {
        return i > 0;
      }
      boolean schemeChar = Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
      if (!schemeChar || c > 0x7F) {
        return false;
      }
    }
    return false;
  }

  /**
   * Percent-escapes every character that may not appear in a URI (spaces, non-ASCII, {@code " < > \
   * ^ ` { | }}, and a {@code %} not followed by two hex digits); leaves the rest.
   */
  static String escapeForUri(String url) {
    int pathStart = pathStart(url);
    int i = 0;
    while (i < url.length() && allowedAt(url, i, pathStart)) {
      i++;
    }
    if (i == url.length()) {
      return url;
    }
    StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, i);
    for (; i < url.length(); i++) {
      char c = url.charAt(i);
      if (allowedAt(url, i, pathStart)) {
        out.append(c);
      } else if (c < 0x80) {
        appendByte(c, out);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
        for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          appendByte(b & 0xFF, out);
        }
        i = end - 1;
      }
    }
    return out.toString();
  }

  /** Where the path starts: the first '/' after "://", else the length. */
  private static int pathStart(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return 0;
    }
    int slash = url.indexOf('/', scheme + 3);
    return slash < 0 ? url.length() : slash;
  }

  /** Whether the character at {@code i} may stay; brackets only inside the authority. */
  private static boolean allowedAt(String url, int i, int pathStart) {
    char c = url.charAt(i);
    if (c == '%') {
      return i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2));
    }
    if (c == '[' || c == ']') {
      return i < pathStart;
    }
    return c < 0x80 && URI_CHARS[c];
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static void appendByte(int b, StringBuilder out) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
  }

  private static String abbreviate(String url) {
    return url.length() <= 80 ? url : url.substring(0, 77) + "...";
  }

  /** Why a URL was refused. */
  enum Refusal {
    INVALID,
    OUTSIDE_LOCATION
  }

  /** The verdict on one entry. */
  sealed interface Verdict {
    /**
     * A URL to list.
     *
     * @param loc the URL, escaped for a URI (not yet for XML)
     * @param lastmod the normalized lastmod, or {@code null}
     * @param lastmodProblem why the source's lastmod was left out, or {@code null}
     * @param origin where the page was read
     */
    record Accepted(String loc, String lastmod, String lastmodProblem, String origin)
        implements Verdict {}

    /** An entry left out of the sitemap, with the reason and where it came from. */
    record Refused(Refusal refusal, String reason, String origin) implements Verdict {}
  }
}
