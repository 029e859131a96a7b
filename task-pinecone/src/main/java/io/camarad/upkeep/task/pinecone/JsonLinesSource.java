package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Documents from a JSON-lines file, one object a line, gzip-compressed when it ends in .gz. */
final class JsonLinesSource implements DocumentSource {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Path file;
  private final DocumentFields fields;
  private final ObjectMapper json;

  JsonLinesSource(Path file, DocumentFields fields, ObjectMapper json) {
    this.file = file;
    this.fields = fields;
    this.json = json;
  }

  @Override
  public String describe() {
    return file.getFileName().toString();
  }

  @Override
  public void read(Sink sink) throws Exception {
    try (BufferedReader reader = open()) {
      long lineNumber = 0;
      while (true) {
        String line = readLine(reader, lineNumber + 1);
        if (line == null) {
          return;
        }
        lineNumber++;
        if (!line.isBlank()) {
          sink.accept(document(line, lineNumber));
        }
      }
    }
  }

  private BufferedReader open() throws SourceReadException {
    try {
      InputStream in = Files.newInputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 64 * 1024);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    } catch (NoSuchFileException e) {
      throw new SourceReadException(
          "source file " + file + " does not exist; check the file setting", e);
    } catch (IOException e) {
      throw new SourceReadException("cannot open source file " + file + ": " + e.getMessage(), e);
    }
  }

  private String readLine(BufferedReader reader, long lineNumber) throws SourceReadException {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new SourceReadException(
          "reading " + file + " failed at line " + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private SourceDocument document(String line, long lineNumber) throws SourceReadException {
    Map<String, Object> raw;
    try {
      raw = json.readValue(line, MAP);
    } catch (JsonProcessingException e) {
      throw new SourceReadException(
          file
              + ":"
              + lineNumber
              + ": not a JSON object ("
              + e.getOriginalMessage()
              + "); fix or remove the line",
          e);
    }
    return fields
        .toDocument(raw)
        .orElseThrow(
            () ->
                new SourceReadException(
                    file
                        + ":"
                        + lineNumber
                        + ": no value in id field '"
                        + fields.idField()
                        + "'; give every line an id or change the idField setting"));
  }
}
