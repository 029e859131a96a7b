package io.camarad.upkeep.task.sitemap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes sitemap files in one pass, streaming: one URL at a time, never more than one entry in
 * memory. Starts a new file before one would pass the URL or byte limit of its {@link
 * SitemapFormat}; when more than one file was needed, {@link #finish()} writes a sitemap index that
 * lists them, each with the latest {@code lastmod} of its URLs.
 *
 * <p>Every file is UTF-8, each URL is XML-escaped ({@code & ' " < >}) on the way out, and each file
 * is flushed to disk ({@code fsync}) before {@link #finish()} returns. Not thread-safe.
 *
 * @since 0.1
 */
public final class SitemapWriter implements Closeable {
  static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final byte[] URLSET_HEAD =
      bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" + NAMESPACE + "\">\n");
  private static final byte[] URLSET_TAIL = bytes("</urlset>\n");
  private static final int BUFFER = 1 << 16;

  private final Path directory;
  private final SitemapFormat format;
  private final StringBuilder entry = new StringBuilder(512);
  private byte[] bytes = new byte[4096];
  private int length;
  private final List<Part> parts = new ArrayList<>();
  private final String extras;

  private OutputStream out;
  private GZIPOutputStream gzipStream;
  private FileChannel channel;
  private int fileUrls;
  private long fileBytes;
  private String fileLastmod;
  private long totalUrls;

  private SitemapWriter(Path directory, SitemapFormat format) {
    this.directory = directory;
    this.format = format;
    this.extras = extras(format);
  }

  /** A writer into {@code directory}, which must exist; files of the same names are replaced. */
  public static SitemapWriter create(Path directory, SitemapFormat format) {
    Objects.requireNonNull(directory, "directory");
    return new SitemapWriter(directory, Objects.requireNonNull(format, "format"));
  }

  /**
   * Adds one URL.
   *
   * @param loc an absolute URL, already percent-escaped (RFC 3986)
   * @param lastmod a W3C date or date-time with a time zone, or {@code null}
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when one entry alone is larger than a whole file may be
   */
  public void add(String loc, String lastmod) throws IOException {
    int encoded = encodeEntry(loc, lastmod);
    int room = URLSET_HEAD.length + URLSET_TAIL.length + encoded;
    if (room > format.maxBytes()) {
      throw new IllegalArgumentException(
          "one sitemap entry takes "
              + encoded
              + " bytes, more than a file of "
              + format.maxBytes()
              + " bytes can hold: "
              + loc);
    }
    if (out == null
        || fileUrls == format.maxUrls()
        || fileBytes + encoded + URLSET_TAIL.length > format.maxBytes()) {
      startFile();
    }
    out.write(bytes, 0, encoded);
    fileBytes += encoded;
    fileUrls++;
    totalUrls++;
    if (lastmod != null && (fileLastmod == null || lastmod.compareTo(fileLastmod) > 0)) {
      fileLastmod = lastmod;
    }
  }

  /** URLs added so far. */
  public long urls() {
    return totalUrls;
  }

  /**
   * Closes the last file and, when there is more than one, writes the index. The single file, or
   * the index, is named {@link SitemapFormat#indexName()}.
   *
   * @return the names of the files written, the index (or single sitemap) first
   * @throws IllegalStateException when no URL was added: an empty sitemap is not valid
   */
  public List<String> finish() throws IOException {
    if (out == null) {
      throw new IllegalStateException("no URL to write: a sitemap needs at least one");
    }
    endFile();
    if (parts.size() > SitemapFormat.MAX_URLS) {
      throw new IllegalStateException(
          parts.size() + " sitemap files are more than one index may list (50,000)");
    }
    List<String> names = new ArrayList<>();
    names.add(format.indexName());
    if (parts.size() == 1) {
      Files.move(
          directory.resolve(parts.get(0).name()),
          directory.resolve(format.indexName()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return names;
    }
    writeIndex();
    parts.forEach(part -> names.add(part.name()));
    return names;
  }

  /** Closes an open file without finishing it (after a failure); files stay on disk. */
  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
      gzipStream = null;
      channel = null;
    }
  }

  private void startFile() throws IOException {
    if (out != null) {
      endFile();
    }
    String name = format.partName(parts.size() + 1);
    parts.add(new Part(name, null));
    open(directory.resolve(name));
    out.write(URLSET_HEAD);
    fileBytes = URLSET_HEAD.length;
    fileUrls = 0;
    fileLastmod = null;
  }

  private void endFile() throws IOException {
    out.write(URLSET_TAIL);
    Part current = parts.remove(parts.size() - 1);
    parts.add(new Part(current.name(), fileLastmod));
    closeAndSync();
  }

  private void open(Path file) throws IOException {
    channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    OutputStream raw = Channels.newOutputStream(channel);
    gzipStream = format.gzip() ? new GZIPOutputStream(raw, BUFFER) : null;
    out = new BufferedOutputStream(gzipStream != null ? gzipStream : raw, BUFFER);
  }

  /** Flushes every layer, writes the gzip trailer, forces the file to disk, then closes. */
  private void closeAndSync() throws IOException {
    out.flush();
    if (gzipStream != null) {
      gzipStream.finish();
    }
    channel.force(true);
    out.close();
    out = null;
    gzipStream = null;
    channel = null;
  }

  private void writeIndex() throws IOException {
    Path index = directory.resolve(format.indexName());
    open(index);
    StringBuilder xml = new StringBuilder(256 + parts.size() * 128);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"")
        .append(NAMESPACE)
        .append("\">\n");
    for (Part part : parts) {
      xml.append("<sitemap><loc>");
      XmlText.escape(format.directoryUrl() + part.name(), xml);
      xml.append("</loc>");
      if (part.lastmod() != null) {
        xml.append("<lastmod>").append(part.lastmod()).append("</lastmod>");
      }
      xml.append("</sitemap>\n");
    }
    xml.append("</sitemapindex>\n");
    out.write(bytes(xml));
    closeAndSync();
  }

  /**
   * The entry's UTF-8 bytes in {@link #bytes}, returning the length. URLs that a template made are
   * ASCII, so their bytes are written directly; other text goes through the encoder.
   */
  private int encodeEntry(String loc, String lastmod) {
    length = 0;
    boolean ascii = ascii("<url><loc>") && escapedAscii(loc) && ascii("</loc>");
    if (ascii && lastmod != null) {
      ascii = ascii("<lastmod>") && escapedAscii(lastmod) && ascii("</lastmod>");
    }
    ascii = ascii && ascii(extras) && ascii("</url>\n");
    if (ascii) {
      return length;
    }
    byte[] encoded = slowEntry(loc, lastmod);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, 0, encoded.length);
    return encoded.length;
  }

  private byte[] slowEntry(String loc, String lastmod) {
    entry.setLength(0);
    entry.append("<url><loc>");
    XmlText.escape(loc, entry);
    entry.append("</loc>");
    if (lastmod != null) {
      entry.append("<lastmod>");
      XmlText.escape(lastmod, entry);
      entry.append("</lastmod>");
    }
    entry.append(extras).append("</url>\n");
    return bytes(entry);
  }

  private boolean ascii(String text) {
    ensure(length + text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      bytes[length++] = (byte) c;
    }
    return true;
  }

  private boolean escapedAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          switch (c) {
            case '&' -> ascii("&amp;");
            case '<' -> ascii("&lt;");
            case '>' -> ascii("&gt;");
            case '"' -> ascii("&quot;");
            case '\'' -> ascii("&apos;");
            default -> {
              if (c >= 0x80) {
                yield false;
              }
              ensure(length + 1);
              bytes[length++] = (byte) c;
              yield true;
            }
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }

  private static String extras(SitemapFormat format) {
    StringBuilder text = new StringBuilder();
    if (format.changefreq() != null) {
      text.append("<changefreq>").append(format.changefreq()).append("</changefreq>");
    }
    if (format.priority() != null) {
      text.append("<priority>")
          .append(String.format(java.util.Locale.ROOT, "%.1f", format.priority()))
          .append("</priority>");
    }
    return text.toString();
  }

  private static byte[] bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Part(String name, String lastmod) {}
}
