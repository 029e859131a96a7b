package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Records in a gzip JSON-lines file in the task's data directory: a header line naming the index
 * and namespace, then one record a line. Written to a temporary file in the same directory, flushed
 * to disk, then moved over the old file atomically, so a crash leaves either the old records or the
 * new ones.
 */
final class FileRecordStore implements RecordStore {
  private static final String FORMAT = "upkeep-pinecone-records";

  private final Path file;
  private final String index;
  private final String namespace;
  private final ObjectMapper json;

  FileRecordStore(Path directory, String index, String namespace, ObjectMapper json) {
    this.file = directory.resolve(fileName(index, namespace));
    this.index = index;
    this.namespace = namespace;
    this.json = json;
  }

  static String fileName(String index, String namespace) {
    String ns = namespace.isEmpty() ? "__default__" : namespace.replaceAll("[^A-Za-z0-9_.-]", "_");
    return "records-" + index + "-" + ns + ".jsonl.gz";
  }

  Path file() {
    return file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public ChunkRecords load() throws IOException {
    if (!Files.exists(file)) {
      return ChunkRecords.empty();
    }
    try (BufferedReader reader = reader()) {
      checkHeader(reader.readLine());
      List<ChunkRecord> records = new ArrayList<>();
      long lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        records.add(parse(line, lineNumber));
      }
      return new ChunkRecords(records);
    }
  }

  @Override
  public void save(ChunkRecords records) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "records-", ".tmp");
    try {
      write(temp, records);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private BufferedReader reader() throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 64 * 1024), StandardCharsets.UTF_8));
  }

  private void checkHeader(String line) throws IOException {
    JsonNode header = line == null ? null : json.readTree(line);
    if (header == null || !FORMAT.equals(header.path("format").asText())) {
      throw new IOException(
          file + " is not a records file of this task; move it away and run with mode: full");
    }
    if (!index.equals(header.path("index").asText())
        || !namespace.equals(header.path("namespace").asText())) {
      throw new IOException(file + " holds records of another index or namespace");
    }
  }

  private ChunkRecord parse(String line, long lineNumber) throws IOException {
    try {
      JsonNode node = json.readTree(line);
      return new ChunkRecord(
          node.get("vectorId").asText(),
          node.get("sourceId").asText(),
          node.get("contentHash").asText(),
          Instant.parse(node.get("writtenAt").asText()));
    } catch (RuntimeException | IOException e) {
      throw new IOException(
          file + ":" + lineNumber + ": damaged record; delete the file and run with mode: full", e);
    }
  }

  private void write(Path temp, ChunkRecords records) throws IOException {
    List<ChunkRecord> sorted = records.all();
    sorted.sort(Comparator.comparing(ChunkRecord::vectorId));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
      GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
      Writer writer = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
      writer.write(json.writeValueAsString(header()));
      writer.write('\n');
      for (ChunkRecord record : sorted) {
        writer.write(json.writeValueAsString(line(record)));
        writer.write('\n');
      }
      writer.flush();
      gzip.finish();
      out.flush();
      channel.force(true);
    }
  }

  private ObjectNode header() {
    ObjectNode header = json.createObjectNode();
    header.put("format", FORMAT);
    header.put("version", 1);
    header.put("index", index);
    header.put("namespace", namespace);
    return header;
  }

  private ObjectNode line(ChunkRecord record) {
    ObjectNode node = json.createObjectNode();
    node.put("vectorId", record.vectorId());
    node.put("sourceId", record.sourceId());
    node.put("contentHash", record.contentHash());
    node.put("writtenAt", record.writtenAt().toString());
    return node;
  }
}
