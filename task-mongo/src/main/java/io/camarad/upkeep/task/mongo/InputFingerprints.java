package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task's input fingerprints: its settings, the content of each seed file, and the state the
 * database will be in after the run (per collection the document count once the planned inserts are
 * made, and the index names once the missing ones exist). The last one is equal before and after a
 * successful apply, so the run after it is up to date.
 */
final class InputFingerprints {

  private InputFingerprints() {}

  static Map<String, String> of(
      Settings settings,
      MongoTaskConfig config,
      Map<String, Long> expectedCounts,
      Map<String, List<String>> expectedIndexes)
      throws IOException {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("settings", sha256(canonical(settings.asMap())));
    for (CollectionConfig collection : config.collections()) {
      if (collection.seedFile() != null) {
        fingerprints.put("seed." + collection.name(), sha256Of(collection.seedFile()));
      }
    }
    Map<String, Object> database = new TreeMap<>();
    expectedCounts.forEach((name, count) -> database.put(name + ".count", count));
    expectedIndexes.forEach(
        (name, indexes) -> database.put(name + ".indexes", indexes.stream().sorted().toList()));
    fingerprints.put("database", sha256(database.toString()));
    return fingerprints;
  }

  /** A rendering of plain values with map keys sorted, so that order does not matter. */
  @SuppressWarnings("unchecked")
  static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach((k, v) -> out.append(k).append('=').append(canonical(v)).append(';'));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(canonical(v)).append(','));
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }

  static String sha256(String text) {
    return HexFormat.of()
        .formatHex(BackupWriter.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest digest = BackupWriter.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
