package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import io.camarad.upkeep.api.ServiceException;

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
}
