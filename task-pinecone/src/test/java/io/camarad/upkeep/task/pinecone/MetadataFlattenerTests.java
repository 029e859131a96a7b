package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataFlattenerTests {
  private final MetadataFlattener flattener = new MetadataFlattener(new ObjectMapper(), 1000);

  @Test
  void nestedKeysAreDottedAndNullsDropped() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("author", Map.of("name", "Ada", "team", Map.of("id", 7)));
    nested.put("missing", null);
    assertThat(flattener.flatten(nested))
        .containsEntry("author.name", "Ada")
        .containsEntry("author.team.id", 7)
        .doesNotContainKey("missing")
        .doesNotContainKey("author");
  }

  @Test
  void listsOfStringsAreKeptAndOtherListsWrittenAsJson() {
    Map<String, Object> flat =
        flattener.flatten(
            Map.of(
                "tags",
                List.of("a", "b"),
                "sizes",
                List.of(1, 2),
                "mixed",
                List.of("a", Map.of("k", 1))));
    assertThat(flat.get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(flat.get("sizes")).isEqualTo("[1,2]");
    assertThat(flat.get("mixed")).isEqualTo("[\"a\",{\"k\":1}]");
  }

  @Test
  void datesBecomeIsoStrings() {
    Instant when = Instant.parse("2026-06-01T10:00:00Z");
    assertThat(flattener.flatten(Map.of("lastModified", Date.from(when))))
        .containsEntry("lastModified", "2026-06-01T10:00:00Z");
  }

  @Test
  void oversizedTextIsCutWithAMarkerAndProtectedKeysAreKept() {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("text", "é".repeat(2000));
    metadata.put("source_id", "doc-1");
    Map<String, Object> fitted = flattener.fit(metadata, Set.of("source_id"));
    assertThat(flattener.sizeOf(fitted)).isLessThanOrEqualTo(1000);
    assertThat(fitted.get("text").toString()).endsWith(MetadataFlattener.TRUNCATION_MARKER);
    assertThat(fitted).containsEntry("source_id", "doc-1");
  }

  @Test
  void fortyKilobytesIsTheDefaultLimit() {
    MetadataFlattener standard =
        new MetadataFlattener(new ObjectMapper(), MetadataFlattener.DEFAULT_MAX_BYTES);
    Map<String, Object> fitted = standard.fit(Map.of("text", "\"".repeat(50_000)), Set.of());
    assertThat(standard.sizeOf(fitted)).isBetween(30_000, 40_960);
  }
}
