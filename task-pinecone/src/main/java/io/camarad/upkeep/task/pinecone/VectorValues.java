package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.camarad.upkeep.api.ServiceException;
import java.io.IOException;
import java.util.Arrays;

/** Reads a JSON array of numbers as a vector, refusing anything else. */
final class VectorValues {
  private VectorValues() {}

  static float[] read(JsonNode values, JsonHttp http, String operation) throws ServiceException {
    if (!values.isArray() || values.isEmpty()) {
      throw http.malformed(operation, "an embedding has no values");
    }
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      JsonNode value = values.get(i);
      if (!value.isNumber()) {
        throw http.malformed(operation, "an embedding value is not a number: " + value);
      }
      vector[i] = value.floatValue();
    }
    return vector;
  }

  /**
   * Reads the array the parser is on as a vector, copying each number's JSON text without
   * converting it: the parser has already checked that it is a JSON number (NaN and Infinity are
   * not), and the elements are counted as they go.
   */
  static JsonVector read(JsonParser values, JsonHttp http, String operation)
      throws IOException, ServiceException {
    if (values.currentToken() != JsonToken.START_ARRAY) {
      values.skipChildren();
      throw http.malformed(operation, "an embedding has no values");
    }
    byte[] text = new byte[16 * 1024];
    int length = 1;
    text[0] = '[';
    int size = 0;
    for (JsonToken token = values.nextToken();
        token != JsonToken.END_ARRAY;
        token = values.nextToken()) {
      if (token == null || !token.isNumeric()) {
        throw http.malformed(
            operation,
            "an embedding value is not a number: "
                + (token == null ? "end of input" : values.getText()));
      }
      int count = values.getTextLength();
      if (length + count + 2 > text.length) {
        text = Arrays.copyOf(text, Math.max(text.length * 2, length + count + 2));
      }
      if (size > 0) {
        text[length++] = ',';
      }
      length = copyNumber(values, text, length, count);
      size++;
    }
    if (size == 0) {
      throw http.malformed(operation, "an embedding has no values");
    }
    text[length++] = ']';
    return new JsonVector(Arrays.copyOf(text, length), size);
  }

  /** Copies the current number's characters (all ASCII) into {@code text} at {@code at}. */
  private static int copyNumber(JsonParser values, byte[] text, int at, int count)
      throws IOException {
    char[] chars = values.getTextCharacters();
    int offset = values.getTextOffset();
    for (int i = 0; i < count; i++) {
      text[at + i] = (byte) chars[offset + i];
    }
    return at + count;
  }
}
