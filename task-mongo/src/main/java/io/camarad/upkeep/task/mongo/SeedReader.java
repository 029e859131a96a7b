package io.camarad.upkeep.task.mongo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.bson.json.JsonParseException;

/**
 * Opens baseline documents for streaming: seed files in JSON (an array of objects), JSON lines or
 * MongoDB Extended JSON (either layout), gzip-compressed or not (detected from the content, not the
 * name), and documents written inline in the protocol.
 */
final class SeedReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIFF_LIMIT = 64 * 1024;

  /** The fix for a seed path that names no readable file. */
  static final String PATH_FIX = "check the path; it is relative to the protocol file's directory";

  private SeedReader() {}

  /**
   * Why {@code file} cannot be read as a seed file ("was not found", "is a directory", "is not
   * readable"), or {@code null} when it can.
   */
  static String unreadableReason(Path file) {
    if (Files.isDirectory(file)) {
      return "is a directory, not a file";
    }
    if (!Files.exists(file)) {
      return "was not found";
    }
    if (!Files.isRegularFile(file)) {
      return "is not a regular file";
    }
    if (!Files.isReadable(file)) {
      return "is not readable (check its permissions)";
    }
    return null;
  }

  /** Streams the documents of a seed file. */
  static SeedStream open(Path file) throws IOException, SeedFormatException {
    String source = file.getFileName().toString();
    String unreadable = unreadableReason(file);
    if (unreadable != null) {
      throw new SeedFormatException("seed file " + file + " " + unreadable + "; " + PATH_FIX);
    }
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(decompressed(file), StandardCharsets.UTF_8), 1 << 16);
    try {
      int first = firstSignificantChar(reader);
      if (first == '[') {
        return new JsonArraySeedStream(source, reader, JSON.getFactory());
      }
      if (first == '{' || first == -1) {
        return new JsonLinesSeedStream(source, reader);
      }
      throw new SeedFormatException(
          source,
          1,
          "expected '[' (a JSON array of documents) or '{' (one JSON document per line), found '"
              + (char) first
              + "'",
          "write the seed as a JSON array or as JSON lines");
    } catch (IOException | SeedFormatException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Streams documents written inline in the protocol; Extended JSON values are decoded. */
  static SeedStream inline(List<Map<String, Object>> documents) {
    Iterator<Map<String, Object>> iterator = documents.iterator();
    return new SeedStream() {
      private int index;

      @Override
      public SeedDocument next() throws SeedFormatException {
        if (!iterator.hasNext()) {
          return null;
        }
        int position = ++index; // 1-based: the first document is 1
        try {
          String json = JSON.writeValueAsString(iterator.next());
          return new SeedDocument(Document.parse(json), "protocol documents", position);
        } catch (IOException | JsonParseException e) {
          throw new SeedFormatException(
              "protocol documents",
              position,
              "not a valid document: " + e.getMessage(),
              "write plain values or Extended JSON such as {$date: '2026-01-01T00:00:00Z'}");
        }
      }

      @Override
      public void close() {}
    };
  }

  private static InputStream decompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  private static int firstSignificantChar(BufferedReader reader) throws IOException {
    reader.mark(SNIFF_LIMIT);
    int c;
    int read = 0;
    do {
      c = reader.read();
      read++;
    } while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF') && read < SNIFF_LIMIT);
    reader.reset();
    return c;
  }
}
