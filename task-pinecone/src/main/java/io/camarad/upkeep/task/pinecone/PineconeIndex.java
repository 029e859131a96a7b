package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import okhttp3.HttpUrl;

/**
 * One Pinecone index: the control plane's description of it and the data-plane operations the task
 * uses (stats, upsert, delete, query), in API version {@value PineconeSettings#API_VERSION}.
 */
final class PineconeIndex {
  private final JsonHttp http;
  private final ObjectMapper json;
  private final String name;
  private final String namespace;

  PineconeIndex(JsonHttp http, ObjectMapper json, String name, String namespace) {
    this.http = http;
    this.json = json;
    this.name = name;
    this.namespace = namespace;
  }

  /** What the control plane says of an index. */
  record Description(String host, OptionalInt dimension) {}

  /** What {@code describe_index_stats} says. */
  record Stats(OptionalInt dimension, Map<String, Long> vectorCounts) {

    /** The vector count of a namespace, the default one answering to "" and __default__. */
    long vectorCount(String namespace) {
      if (namespace.isEmpty()) {
        return vectorCounts.getOrDefault("", vectorCounts.getOrDefault("__default__", 0L));
      }
      return vectorCounts.getOrDefault(namespace, 0L);
    }
  }

  /** One query match. */
  record Match(String id, double score) {}

  /** {@code GET {controlBaseUrl}/indexes/{name}}. */
  Description describe(HttpUrl controlBaseUrl) throws Exception {
    HttpUrl url =
        controlBaseUrl.newBuilder().addPathSegment("indexes").addPathSegment(name).build();
    return http.get("describe_index", url, this::readDescription);
  }

  private Description readDescription(JsonNode answer) throws ServiceException {
    String host = answer.path("host").asText("");
    if (host.isEmpty()) {
      throw http.malformed("describe_index", "index '" + name + "' has no host");
    }
    JsonNode dimension = answer.path("dimension");
    return new Description(
        host, dimension.isInt() ? OptionalInt.of(dimension.asInt()) : OptionalInt.empty());
  }

  /** {@code POST {host}/describe_index_stats}. */
  Stats stats(HttpUrl host) throws Exception {
    HttpUrl url = host.newBuilder().addPathSegment("describe_index_stats").build();
    return http.post("describe_index_stats", url, json.createObjectNode(), this::readStats);
  }

  private Stats readStats(JsonNode answer) throws ServiceException {
    JsonNode namespaces = answer.path("namespaces");
    if (!namespaces.isMissingNode() && !namespaces.isObject()) {
      throw http.malformed("describe_index_stats", "namespaces is not an object");
    }
    Map<String, Long> counts = new HashMap<>();
    namespaces
        .fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().path("vectorCount").asLong()));
    JsonNode dimension = answer.path("dimension");
    return new Stats(
        dimension.isIntegralNumber() ? OptionalInt.of(dimension.asInt()) : OptionalInt.empty(),
        counts);
  }

  /** {@code POST {host}/vectors/upsert} with a body the batcher made. */
  void upsert(HttpUrl host, UpsertBatch batch) throws Exception {
    HttpUrl url = host.newBuilder().addPathSegments("vectors/upsert").build();
    http.post("upsert", url, batch.body(), answer -> checkUpserted(answer, batch.size()));
  }

  private Void checkUpserted(JsonNode answer, int sent) throws ServiceException {
    JsonNode count = answer.path("upsertedCount");
    if (!count.isIntegralNumber() || count.asLong() != sent) {
      throw http.malformed("upsert", "upsertedCount is " + count + ", " + sent + " were sent");
    }
    return null;
  }

  /** {@code POST {host}/vectors/delete} for at most 1,000 ids. */
  void delete(HttpUrl host, List<String> ids) throws Exception {
    if (ids.size() > PineconeSettings.PINECONE_MAX_VECTORS) {
      throw new IllegalArgumentException("at most 1000 ids per delete, got " + ids.size());
    }
    HttpUrl url = host.newBuilder().addPathSegments("vectors/delete").build();
    ObjectNode body = json.createObjectNode();
    ArrayNode array = body.putArray("ids");
    ids.forEach(array::add);
    body.put("namespace", namespace);
    http.post("delete", url, body, answer -> null);
  }

  /** {@code POST {host}/query} with a vector; the best matches first. */
  List<Match> query(HttpUrl host, float[] vector, int topK) throws Exception {
    HttpUrl url = host.newBuilder().addPathSegment("query").build();
    ObjectNode body = json.createObjectNode();
    body.put("namespace", namespace);
    body.put("topK", topK);
    ArrayNode values = body.putArray("vector");
    for (float value : vector) {
      values.add(value);
    }
    body.put("includeValues", false);
    body.put("includeMetadata", false);
    return http.post("query", url, body, this::readMatches);
  }

  private List<Match> readMatches(JsonNode answer) throws ServiceException {
    JsonNode matches = answer.path("matches");
    if (!matches.isArray()) {
      throw http.malformed("query", "no matches array");
    }
    List<Match> result = new ArrayList<>();
    for (JsonNode match : matches) {
      result.add(new Match(match.path("id").asText(), match.path("score").asDouble()));
    }
    return result;
  }
}
