package io.camarad.upkeep.task.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import org.bson.Document;
import org.bson.json.JsonParseException;

/** One JSON (or Extended JSON) document per line; blank lines are skipped. */
final class JsonLinesSeedStream implements SeedStream {
  /** Checks JSON strictly first: the BSON reader accepts some malformed input. */
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String source;
  private final BufferedReader reader;
  private long lineNumber;

  JsonLinesSeedStream(String source, BufferedReader reader) {
    this.source = source;
    this.reader = reader;
  }

  @Override
  public SeedDocument next() throws SeedFormatException, IOException {
    String line;
    while ((line = readLine()) != null) {
      lineNumber++;
      String trimmed = line.strip();
      if (lineNumber == 1 && trimmed.startsWith("\uFEFF")) {
        trimmed = trimmed.substring(1);
      }
      if (!trimmed.isEmpty()) {
        return new SeedDocument(parse(trimmed), source, lineNumber);
      }
    }
    return null;
  }

  private String readLine() throws SeedFormatException {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new SeedFormatException(
          source,
          lineNumber + 1,
          "cannot be read: " + e.getMessage(),
          "check that the file is complete (a truncated or damaged .gz cannot be read)");
    }
  }

  private Document parse(String line) throws SeedFormatException {
    if (!line.startsWith("{") || !line.endsWith("}")) {
      throw new SeedFormatException(
          source,
          lineNumber,
          "not a complete JSON document: " + excerpt(line),
          "write one JSON object per line (JSON lines), or wrap all documents in a JSON array");
    }
    try {
      STRICT.readTree(line);
    } catch (JsonProcessingException e) {
      throw new SeedFormatException(
          source,
          lineNumber,
          "invalid JSON: " + e.getOriginalMessage(),
          "fix the document on that line (one complete JSON object per line)");
    }
    try {
      return Document.parse(line);
    } catch (JsonParseException | IllegalArgumentException e) {
      throw new SeedFormatException(
          source,
          lineNumber,
          "invalid JSON: " + e.getMessage(),
          "fix the document on that line (one complete JSON object per line)");
    }
  }

  private static String excerpt(String line) {
    return line.length() <= 60 ? line : line.substring(0, 60) + "...";
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
