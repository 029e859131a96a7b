package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A vector kept as the JSON text of its array ({@code [0.1,-2e-3,...]}), exactly as the embedding
 * endpoint wrote its numbers, so that it reaches the upsert body without a conversion to float and
 * back. Every element was a JSON number when it was read; floats are parsed only on demand.
 *
 * @param json the array's bytes, brackets included, in UTF-8 (ASCII)
 * @param dimension the number of elements
 */
record JsonVector(byte[] json, int dimension) {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A vector from floats, written as JSON text (for endpoints read as a tree). */
  static JsonVector of(float[] values) {
    StringBuilder text = new StringBuilder(values.length * 12 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(values[i]);
    }
    return new JsonVector(
        text.append(']').toString().getBytes(StandardCharsets.US_ASCII), values.length);
  }

  /** The values as floats, parsed from the JSON text (used where floats are needed). */
  float[] floats() {
    float[] values = new float[dimension];
    try (JsonParser parser = FACTORY.createParser(json)) {
      parser.nextToken();
      for (int i = 0; i < dimension; i++) {
        parser.nextToken();
        values[i] = parser.getFloatValue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a vector read as JSON numbers no longer parses", e);
    }
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonVector that
        && dimension == that.dimension
        && Arrays.equals(json, that.json);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(json) + dimension;
  }

  @Override
  public String toString() {
    return "JsonVector[dimension=" + dimension + "]";
  }
}
