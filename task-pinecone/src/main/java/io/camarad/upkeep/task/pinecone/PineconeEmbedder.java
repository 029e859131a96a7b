package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.ServiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import okhttp3.HttpUrl;

/** Pinecone's hosted embedding: {@code POST {inferenceBaseUrl}/embed}. */
final class PineconeEmbedder implements Embedder {
  private final JsonHttp http;
  private final ObjectMapper json;
  private final HttpUrl url;
  private final String model;
  private final int batchSize;
  private final OptionalInt dimension;

  PineconeEmbedder(
      JsonHttp http,
      ObjectMapper json,
      HttpUrl baseUrl,
      String model,
      int batchSize,
      OptionalInt dimension) {
    this.http = http;
    this.json = json;
    this.url = baseUrl.newBuilder().addPathSegment("embed").build();
    this.model = model;
    this.batchSize = batchSize;
    this.dimension = dimension;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public OptionalInt dimension() {
    return dimension;
  }

  @Override
  public Embeddings embed(List<String> texts) throws Exception {
    return http.postStreaming("embed", url, request(texts), answer -> read(answer, texts.size()));
  }

  private ObjectNode request(List<String> texts) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    ObjectNode parameters = body.putObject("parameters");
    parameters.put("input_type", "passage");
    parameters.put("truncate", "END");
    ArrayNode inputs = body.putArray("inputs");
    texts.forEach(text -> inputs.addObject().put("text", text));
    return body;
  }

  /**
   * Reads {@code {data:[{values:[...]}, ...], usage:{total_tokens}}} token by token: the answer is
   * mostly numbers, and a tree node per number cost more than the numbers did.
   */
  private Embeddings read(JsonParser answer, int expected) throws IOException, ServiceException {
    if (answer.nextToken() != JsonToken.START_OBJECT) {
      throw http.malformed("embed", "the answer is not a JSON object");
    }
    List<JsonVector> vectors = null;
    OptionalLong tokens = OptionalLong.empty();
    while (answer.nextToken() == JsonToken.FIELD_NAME) {
      String field = answer.currentName();
      answer.nextToken();
      if (field.equals("data")) {
        vectors = readData(answer);
      } else if (field.equals("usage")) {
        tokens = readTokens(answer);
      } else {
        answer.skipChildren();
      }
    }
    if (vectors == null || vectors.size() != expected) {
      throw http.malformed(
          "embed",
          "expected "
              + expected
              + " embeddings in data, got "
              + (vectors == null ? "none" : vectors.size()));
    }
    return new Embeddings(vectors, tokens);
  }

  /** The vectors of {@code data}, or null when it is not an array. */
  private List<JsonVector> readData(JsonParser answer) throws IOException, ServiceException {
    if (answer.currentToken() != JsonToken.START_ARRAY) {
      answer.skipChildren();
      return null;
    }
    List<JsonVector> vectors = new ArrayList<>();
    while (answer.nextToken() != JsonToken.END_ARRAY) {
      vectors.add(readItem(answer));
    }
    return vectors;
  }

  private JsonVector readItem(JsonParser answer) throws IOException, ServiceException {
    JsonVector values = null;
    if (answer.currentToken() == JsonToken.START_OBJECT) {
      while (answer.nextToken() == JsonToken.FIELD_NAME) {
        String field = answer.currentName();
        answer.nextToken();
        if (field.equals("values")) {
          values = VectorValues.read(answer, http, "embed");
        } else {
          answer.skipChildren();
        }
      }
    } else {
      answer.skipChildren();
    }
    if (values == null) {
      throw http.malformed("embed", "an embedding has no values");
    }
    return values;
  }

  private static OptionalLong readTokens(JsonParser answer) throws IOException {
    OptionalLong tokens = OptionalLong.empty();
    if (answer.currentToken() != JsonToken.START_OBJECT) {
      answer.skipChildren();
      return tokens;
    }
    while (answer.nextToken() == JsonToken.FIELD_NAME) {
      String field = answer.currentName();
      answer.nextToken();
      if (field.equals("total_tokens") && answer.currentToken().isNumeric()) {
        tokens = OptionalLong.of(answer.getValueAsLong());
      } else {
        answer.skipChildren();
      }
    }
    return tokens;
  }
}
