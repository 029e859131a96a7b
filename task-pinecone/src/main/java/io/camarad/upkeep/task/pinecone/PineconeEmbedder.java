package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.ServiceException;
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
    return http.post("embed", url, request(texts), answer -> read(answer, texts.size()));
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

  private Embeddings read(JsonNode answer, int expected) throws ServiceException {
    JsonNode data = answer.path("data");
    if (!data.isArray() || data.size() != expected) {
      throw http.malformed(
          "embed",
          "expected "
              + expected
              + " embeddings in data, got "
              + (data.isArray() ? data.size() : "none"));
    }
    List<float[]> vectors = new ArrayList<>(expected);
    for (JsonNode item : data) {
      vectors.add(VectorValues.read(item.path("values"), http, "embed"));
    }
    JsonNode tokens = answer.path("usage").path("total_tokens");
    return new Embeddings(
        vectors, tokens.isNumber() ? OptionalLong.of(tokens.asLong()) : OptionalLong.empty());
  }
}
