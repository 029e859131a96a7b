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

  /** Reads the array the parser is on as a vector, converting each number straight to a float. */
  static float[] read(JsonParser values, JsonHttp http, String operation)
      throws IOException, ServiceException {
    if (values.currentToken() != JsonToken.START_ARRAY) {
      values.skipChildren();
      throw http.malformed(operation, "an embedding has no values");
    }
    float[] vector = new float[1024];
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
      if (size == vector.length) {
        vector = Arrays.copyOf(vector, size * 2);
      }
      vector[size++] = values.getFloatValue();
    }
    if (size == 0) {
      throw http.malformed(operation, "an embedding has no values");
    }
    return size == vector.length ? vector : Arrays.copyOf(vector, size);
  }
}
