package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The two tldr-pages snapshots in examples/corpus, read as plain maps by page id. */
public final class Corpus {
  public static final String FIRST = "tldr-pages-2026-03-01.jsonl.gz";
  public static final String SECOND = "tldr-pages-2026-06-01.jsonl.gz";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  public static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/corpus").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("corpus file " + name + " not found");
  }

  public static Map<String, Map<String, Object>> pages(String name) {
    Map<String, Map<String, Object>> pages = new LinkedHashMap<>();
    for (Map<String, Object> page : lines(file(name))) {
      pages.put(page.get("id").toString(), page);
    }
    return pages;
  }

  public static List<Map<String, Object>> lines(Path file) {
    return lines(file, true);
  }

  public static List<Map<String, Object>> lines(Path file, boolean gzip) {
    List<Map<String, Object>> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
