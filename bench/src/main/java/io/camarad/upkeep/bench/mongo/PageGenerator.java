package io.camarad.upkeep.bench.mongo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;

/** Generates page-like seed documents, written as gzip JSON lines without holding them. */
final class PageGenerator {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private PageGenerator() {}

  static Document page(int i) {
    return new Document("id", "bench/page-" + i)
        .append("platform", i % 2 == 0 ? "common" : "linux")
        .append("command", "cmd-" + i)
        .append("title", "Command " + i)
        .append("summary", "A generated page for the seeding benchmark, number " + i + ".")
        .append("lastModified", BASE.plusSeconds(i).toString());
  }

  static Path writeJsonLines(Path file, int count) throws IOException {
    try (BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
      for (int i = 0; i < count; i++) {
        out.write(page(i).toJson());
        out.newLine();
      }
    }
    return file;
  }
}
