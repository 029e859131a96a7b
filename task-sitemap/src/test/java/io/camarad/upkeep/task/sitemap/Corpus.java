package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The two tldr snapshots, read independently of the task's own code. */
final class Corpus {
  static final Path MARCH = Path.of("../examples/corpus/tldr-pages-2026-03-01.jsonl.gz");
  static final Path JUNE = Path.of("../examples/corpus/tldr-pages-2026-06-01.jsonl.gz");
  static final String SITE = "https://camarad.example/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Corpus() {}

  static List<JsonNode> pages(Path snapshot) throws Exception {
    List<JsonNode> pages = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(snapshot)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        pages.add(MAPPER.readTree(line));
      }
    }
    return pages;
  }

  /** URL to lastmod, escaped with URLEncoder turned into RFC 3986 unreserved-only escaping. */
  static Map<String, String> urls(Path snapshot) throws Exception {
    Map<String, String> urls = new LinkedHashMap<>();
    for (JsonNode page : pages(snapshot)) {
      urls.put(url(page.get("id").asText()), page.get("lastModified").asText());
    }
    return urls;
  }

  static String url(String id) {
    List<String> segments = new ArrayList<>();
    for (String segment : id.split("/", -1)) {
      // "." and ".." would be removed by any URL normalizer, so the task escapes their dots.
      if (segment.equals(".") || segment.equals("..")) {
        segments.add("%2E".repeat(segment.length()));
        continue;
      }
      segments.add(
          URLEncoder.encode(segment, StandardCharsets.UTF_8)
              .replace("+", "%20")
              .replace("*", "%2A")
              .replace("%7E", "~"));
    }
    return SITE + "pages/" + String.join("/", segments);
  }
}
