package io.camarad.upkeep.task.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReaderTests {
  @TempDir Path directory;

  private static List<SeedDocument> readAll(Path file) throws Exception {
    List<SeedDocument> documents = new ArrayList<>();
    try (SeedStream stream = SeedReader.open(file)) {
      for (SeedDocument d = stream.next(); d != null; d = stream.next()) {
        documents.add(d);
      }
    }
    return documents;
  }

  private Path gzip(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void readsJsonLinesSkippingBlankLinesWithTheirLineNumbers() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("roles.jsonl"), "{\"name\": \"admin\"}\n\n{\"name\": \"editor\"}\n");

    assertThat(readAll(file))
        .extracting(SeedDocument::line, d -> d.document().get("name"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "admin"),
            org.assertj.core.groups.Tuple.tuple(3L, "editor"));
  }

  @Test
  void readsAJsonArrayElementByElement() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("roles.json"),
            "[\n  {\"name\": \"admin\", \"n\": 1},\n  {\"name\": \"editor\", \"tags\": [\"a\"]}\n]");

    List<SeedDocument> documents = readAll(file);

    assertThat(documents)
        .extracting(d -> d.document().getString("name"))
        .containsExactly("admin", "editor");
    assertThat(documents.get(1).line()).isEqualTo(3);
  }

  @Test
  void decodesExtendedJsonTypesInBothLayouts() throws Exception {
    String line =
        "{\"_id\": {\"$oid\": \"5f1d7a3e9b1e8a0d4c8b4567\"},"
            + " \"at\": {\"$date\": \"2026-06-01T00:00:00Z\"}, \"big\": {\"$numberLong\": \"42\"}}";
    Path lines = Files.writeString(directory.resolve("a.jsonl"), line + "\n");
    Path array = Files.writeString(directory.resolve("a.json"), "[" + line + "]");

    for (Path file : List.of(lines, array)) {
      Document document = readAll(file).get(0).document();
      assertThat(document.get("_id")).isEqualTo(new ObjectId("5f1d7a3e9b1e8a0d4c8b4567"));
      assertThat(document.get("at")).isEqualTo(Date.from(Instant.parse("2026-06-01T00:00:00Z")));
      assertThat(document.get("big")).isEqualTo(42L);
    }
  }

  @Test
  void readsGzipCompressedFilesWhateverTheirName() throws Exception {
    Path lines = gzip("pages.jsonl.gz", "{\"id\": \"a\"}\n{\"id\": \"b\"}\n");
    Path array = gzip("pages.data", "[{\"id\": \"a\"}]");

    assertThat(readAll(lines)).hasSize(2);
    assertThat(readAll(array)).hasSize(1);
  }

  @Test
  void truncatedGzipIsReportedWithTheFileAndTheFix() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("{\"id\": \"page-").append(i).append("\", \"n\": ").append(i).append("}\n");
    }
    Path whole = gzip("pages.jsonl.gz", lines.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated =
        Files.write(
            directory.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> readAll(truncated))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageStartingWith("cut.jsonl.gz:")
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("truncated or damaged .gz");
  }

  @Test
  void badLineNamesFileLineAndFix() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("users.jsonl"),
            "{\"email\": \"a@b.c\"}\n{\"email\": \"x@y.z\" \"n\": 1}\n");

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageStartingWith("users.jsonl:2: invalid JSON")
        .hasMessageContaining("fix the document on that line");
  }

  @Test
  void prettyPrintedObjectIsExplainedAsNotJsonLines() throws Exception {
    Path file = Files.writeString(directory.resolve("users.json"), "{\n  \"email\": \"a\"\n}\n");

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageStartingWith("users.json:1: not a complete JSON document")
        .hasMessageContaining("wrap all documents in a JSON array");
  }

  @Test
  void brokenArrayNamesTheLine() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("roles.json"), "[\n {\"name\": \"a\"},\n {\"name\" \"b\"}\n]");

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageStartingWith("roles.json:3: invalid JSON")
        .hasMessageContaining("missing comma, quote or bracket");
  }

  @Test
  void otherContentIsRefusedWithTheExpectedLayouts() throws Exception {
    Path file = Files.writeString(directory.resolve("roles.csv"), "name\nadmin\n");

    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageContaining("roles.csv:1: expected '['")
        .hasMessageContaining("JSON array or as JSON lines");
  }

  @Test
  void missingFileSaysWherePathsAreResolved() {
    assertThatThrownBy(() -> readAll(directory.resolve("nope.jsonl")))
        .isInstanceOf(SeedFormatException.class)
        .hasMessageContaining("nope.jsonl was not found")
        .hasMessageContaining("relative to the protocol file")
        .message()
        .doesNotContain(":0:");
  }

  @Test
  void documentWithoutItsKeyNamesTheKeyAndTheFix() throws Exception {
    Path file = Files.writeString(directory.resolve("users.jsonl"), "{\"name\": \"x\"}\n");
    CollectionConfig users =
        new CollectionConfig(
            "users",
            "email",
            null,
            List.of(),
            SeedMode.INSERT_ONLY,
            List.of(),
            List.of(),
            file,
            null,
            null,
            Map.of(),
            false);

    assertThatThrownBy(
            () -> {
              try (SeedBatches batches = SeedBatches.open(users, 10)) {
                batches.next();
              }
            })
        .isInstanceOf(SeedFormatException.class)
        .hasMessageStartingWith("users.jsonl:1: document has no value for the key 'email'")
        .hasMessageContaining("set key:");
  }

  @Test
  void duplicateKeysInOneBatchNameBothPlaces() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("roles.jsonl"), "{\"name\": \"admin\"}\n{\"name\": \"admin\"}\n");
    CollectionConfig roles =
        new CollectionConfig(
            "roles",
            "name",
            null,
            List.of(),
            SeedMode.INSERT_ONLY,
            List.of(),
            List.of(),
            file,
            null,
            null,
            Map.of(),
            false);

    assertThatThrownBy(
            () -> {
              try (SeedBatches batches = SeedBatches.open(roles, 10)) {
                batches.next();
              }
            })
        .isInstanceOf(SeedFormatException.class)
        .hasMessageContaining("roles.jsonl:2: duplicate key name=admin (also at roles.jsonl:1)");
  }

  @Test
  void badDateFieldNamesTheValue() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("pages.jsonl"), "{\"id\": \"a\", \"lastModified\": \"yesterday\"}\n");
    CollectionConfig pages =
        new CollectionConfig(
            "pages",
            "_id",
            "id",
            List.of("lastModified"),
            SeedMode.INSERT_ONLY,
            List.of(),
            List.of(),
            file,
            null,
            null,
            Map.of(),
            false);

    assertThatThrownBy(
            () -> {
              try (SeedBatches batches = SeedBatches.open(pages, 10)) {
                batches.next();
              }
            })
        .isInstanceOf(SeedFormatException.class)
        .hasMessageContaining(
            "pages.jsonl:1: field 'lastModified' is not an ISO-8601 date-time:" + " 'yesterday'");
  }
}
