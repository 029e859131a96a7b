package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.ServiceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import okhttp3.HttpUrl;

/**
 * An OpenAI-compatible embedding endpoint: {@code POST {base}/v1/embeddings} with {@code
 * {"model","input":[...]}}, answered by {@code data[].embedding} with an {@code index} each.
 */
final class OpenAiEmbedder implements Embedder {
  private final JsonHttp http;
  private final ObjectMapper json;
  private final HttpUrl url;
  private final String model;
  private final int batchSize;
  private final OptionalInt dimension;
  private final boolean sendDimensions;

  OpenAiEmbedder(
      JsonHttp http,
      ObjectMapper json,
      HttpUrl baseUrl,
      String model,
      int batchSize,
      OptionalInt dimension,
      boolean sendDimensions) {
    this.http = http;
    this.json = json;
    this.url = endpoint(baseUrl);
    this.model = model;
    this.batchSize = batchSize;
    this.dimension = dimension;
    this.sendDimensions = sendDimensions;
  }

  private static HttpUrl endpoint(HttpUrl baseUrl) {
    List<String> segments = baseUrl.pathSegments();
    boolean hasVersion = !segments.isEmpty() && segments.get(segments.size() - 1).equals("v1");
    HttpUrl.Builder builder = baseUrl.newBuilder();
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      builder.removePathSegment(segments.size() - 1);
      hasVersion = segments.size() > 1 && segments.get(segments.size() - 2).equals("v1");
    }
    if (!hasVersion) {
      builder.addPathSegment("v1");
    }
    return builder.addPathSegment("embeddings").build();
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
    return http.post("embeddings", url, request(texts), answer -> read(answer, texts.size()));
  }

  private ObjectNode request(List<String> texts) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    ArrayNode input = body.putArray("input");
    texts.forEach(input::add);
    if (sendDimensions && dimension.isPresent()) {
      body.put("dimensions", dimension.getAsInt());
    }
    return body;
  }

  private Embeddings read(JsonNode answer, int expected) throws ServiceException {
    JsonNode data = answer.path("data");
    if (!data.isArray() || data.size() != expected) {
      throw http.malformed(
          "embeddings",
          "expected "
              + expected
              + " embeddings in data, got "
              + (data.isArray() ? data.size() : "none"));
    }
    JsonVector[] vectors = new JsonVector[expected];
    for (JsonNode item : data) {
      int index = item.path("index").asInt(-1);
      if (index < 0 || index >= expected || vectors[index] != null) {
        throw http.malformed("embeddings", "embedding index " + item.path("index") + " is wrong");
      }
      vectors[index] = JsonVector.of(VectorValues.read(item.path("embedding"), http, "embeddings"));
    }
    JsonNode tokens = answer.path("usage").path("total_tokens");
    return new Embeddings(
        new ArrayList<>(Arrays.asList(vectors)),
        tokens.isNumber() ? OptionalLong.of(tokens.asLong()) : OptionalLong.empty());
  }
}
