package io.camarad.upkeep.task.mongo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import org.bson.Document;
import org.bson.json.JsonParseException;

/** A JSON array of documents, read element by element with a streaming parser. */
final class JsonArraySeedStream implements SeedStream {
  private static final ObjectMapper TREES = new ObjectMapper();

  private final String source;
  private final JsonParser parser;
  private boolean started;

  JsonArraySeedStream(String source, Reader reader, JsonFactory factory) throws IOException {
    this.source = source;
    this.parser = factory.createParser(reader);
  }

  @Override
  public SeedDocument next() throws SeedFormatException, IOException {
    try {
      if (!started) {
        started = true;
        parser.nextToken();
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY || token == null) {
        return null;
      }
      long line = parser.currentTokenLocation().getLineNr();
      if (token != JsonToken.START_OBJECT) {
        throw new SeedFormatException(
            source,
            line,
            "array element is not an object",
            "every element of the seed array must be a JSON object");
      }
      JsonNode tree = TREES.readTree(parser);
      return new SeedDocument(toDocument(tree, line), source, line);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new SeedFormatException(
          source,
          line,
          "invalid JSON: " + e.getOriginalMessage(),
          "fix the JSON at that line (a missing comma, quote or bracket)");
    } catch (IOException e) {
      throw new SeedFormatException(
          source,
          parser.currentLocation().getLineNr(),
          "cannot be read: " + e.getMessage(),
          "check that the file is complete (a truncated or damaged .gz cannot be read)");
    }
  }

  private Document toDocument(JsonNode tree, long line) throws SeedFormatException {
    try {
      return Document.parse(tree.toString());
    } catch (JsonParseException | IllegalArgumentException e) {
      throw new SeedFormatException(
          source,
          line,
          "invalid Extended JSON: " + e.getMessage(),
          "fix the Extended JSON value, for example {\"$date\": \"2026-01-01T00:00:00Z\"}");
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
