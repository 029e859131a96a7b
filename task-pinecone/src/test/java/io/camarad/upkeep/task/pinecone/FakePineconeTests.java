package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Pinecone refuses, and its contract check catches what the spec does. */
class FakePineconeTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OkHttpClient client = new OkHttpClient();
  private FakePinecone fake;

  @BeforeEach
  void start() throws IOException {
    fake = new FakePinecone("key", "docs", 4, 4, Fixture.CONTRACT);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Response post(String path, JsonNode body, boolean versionHeader) throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(fake.url() + path)
            .header("Api-Key", "key")
            .post(RequestBody.create(body.toString(), MediaType.get("application/json")));
    if (versionHeader) {
      request.header("X-Pinecone-Api-Version", "2025-10");
    }
    return client.newCall(request.build()).execute();
  }

  private int status(String path, JsonNode body) throws IOException {
    try (Response response = post(path, body, true)) {
      return response.code();
    }
  }

  private static ObjectNode upsert(int count, int dimension) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode vectors = body.putArray("vectors");
    for (int i = 0; i < count; i++) {
      ObjectNode vector = vectors.addObject();
      vector.put("id", "v" + i);
      ArrayNode values = vector.putArray("values");
      for (int d = 0; d < dimension; d++) {
        values.add(0.5);
      }
      vector.putObject("metadata").put("source_id", "doc");
    }
    body.put("namespace", "");
    return body;
  }

  @Test
  void acceptsAValidUpsertAndAnswersWithinTheSpec() throws IOException {
    assertThat(status("/vectors/upsert", upsert(3, 4))).isEqualTo(200);
    assertThat(fake.vectors("")).hasSize(3);
    assertThat(fake.specViolations()).isEmpty();
  }

  @Test
  void refusesMoreThanAThousandVectors() throws IOException {
    assertThat(status("/vectors/upsert", upsert(1001, 4))).isEqualTo(400);
    assertThat(fake.vectors("")).isEmpty();
  }

  @Test
  void refusesMoreThanTwoMegabytes() throws IOException {
    fake.close();
    fake = new FakePinecone("key", "docs", 2000, 2000, Fixture.CONTRACT);
    ObjectNode body = upsert(300, 2000);
    assertThat(body.toString().length()).isGreaterThan((int) FakePinecone.MAX_UPSERT_BYTES);
    assertThat(status("/vectors/upsert", body)).isEqualTo(400);
  }

  @Test
  void refusesNullMetadata() throws IOException {
    ObjectNode body = upsert(1, 4);
    ((ObjectNode) body.get("vectors").get(0).get("metadata")).putNull("title");
    assertThat(status("/vectors/upsert", body)).isEqualTo(400);
  }

  @Test
  void refusesNestedMetadata() throws IOException {
    ObjectNode body = upsert(1, 4);
    ((ObjectNode) body.get("vectors").get(0).get("metadata")).putObject("author").put("n", "x");
    assertThat(status("/vectors/upsert", body)).isEqualTo(400);
  }

  @Test
  void refusesListsOfNumbersInMetadata() throws IOException {
    ObjectNode body = upsert(1, 4);
    ((ObjectNode) body.get("vectors").get(0).get("metadata")).putArray("n").add(1);
    assertThat(status("/vectors/upsert", body)).isEqualTo(400);
  }

  @Test
  void refusesMetadataOverFortyKilobytes() throws IOException {
    ObjectNode body = upsert(1, 4);
    ((ObjectNode) body.get("vectors").get(0).get("metadata")).put("text", "x".repeat(41_000));
    assertThat(status("/vectors/upsert", body)).isEqualTo(400);
  }

  @Test
  void refusesAWrongDimension() throws IOException {
    assertThat(status("/vectors/upsert", upsert(1, 5))).isEqualTo(400);
  }

  @Test
  void refusesARequestWithoutTheApiVersionHeader() throws IOException {
    try (Response response = post("/describe_index_stats", JSON.createObjectNode(), false)) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("X-Pinecone-Api-Version");
    }
    assertThat(
            Fixture.CONTRACT.requiresVersionHeader(
                SpecContract.Api.DATA, "POST", "/describe_index_stats"))
        .isTrue();
  }

  @Test
  void refusesAWrongApiKeyWithABareString() throws IOException {
    Request request =
        new Request.Builder()
            .url(fake.url() + "/describe_index_stats")
            .header("Api-Key", "nope")
            .header("X-Pinecone-Api-Version", "2025-10")
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).isEqualTo("\"Invalid API Key\"");
    }
  }

  @Test
  void refusesMoreEmbeddingInputsThanABatchTakes() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "multilingual-e5-large");
    ArrayNode inputs = body.putArray("inputs");
    for (int i = 0; i < 97; i++) {
      inputs.addObject().put("text", "t" + i);
    }
    try (Response response = post("/embed", body, true)) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("96");
    }
    assertThat(fake.embeddedTexts()).isEmpty();
    assertThat(fake.specViolations()).isEmpty();
  }

  @Test
  void contractCatchesARequestThatBreaksTheSpec() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("vectors", "not-a-list");
    status("/vectors/upsert", body);
    assertThat(fake.specViolations()).anyMatch(v -> v.contains("request to UPSERT"));
  }

  @Test
  void contractCatchesAResponseThatBreaksTheSpec() throws IOException {
    JsonNode bad = JSON.readTree("{\"model\":\"m\",\"data\":[{\"values\":\"x\"}]}");
    assertThat(
            Fixture.CONTRACT.checkResponse(SpecContract.Api.INFERENCE, "POST", "/embed", 200, bad))
        .isNotEmpty();
    JsonNode good = JSON.readTree("{\"upsertedCount\":2}");
    assertThat(
            Fixture.CONTRACT.checkResponse(
                SpecContract.Api.DATA, "POST", "/vectors/upsert", 200, good))
        .isEmpty();
    JsonNode stats = JSON.readTree("{\"namespaces\":{\"\":{\"vectorCount\":\"many\"}}}");
    assertThat(
            Fixture.CONTRACT.checkResponse(
                SpecContract.Api.DATA, "POST", "/describe_index_stats", 200, stats))
        .isNotEmpty();
  }

  @Test
  void withoutAContractTheStreamingUpsertRefusesTheSame() throws IOException {
    fake.close();
    fake = new FakePinecone("key", "docs", 4, 4, null);
    assertThat(status("/vectors/upsert", upsert(3, 4))).isEqualTo(200);
    assertThat(fake.vectors("")).hasSize(3);
    assertThat(fake.vectors("").get("v1").metadata()).containsEntry("source_id", "doc");
    assertThat(status("/vectors/upsert", upsert(1001, 4))).isEqualTo(400);
    assertThat(status("/vectors/upsert", upsert(1, 5))).isEqualTo(400);
    ObjectNode nested = upsert(1, 4);
    ((ObjectNode) nested.get("vectors").get(0).get("metadata")).putObject("a").put("b", 1);
    assertThat(status("/vectors/upsert", nested)).isEqualTo(400);
    ObjectNode nulls = upsert(1, 4);
    ((ObjectNode) nulls.get("vectors").get(0).get("metadata")).putNull("a");
    assertThat(status("/vectors/upsert", nulls)).isEqualTo(400);
    assertThat(fake.vectors("")).hasSize(3);
  }

  @Test
  void queryFindsTheVectorOfAnEmbeddedTextFirst() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode vectors = body.putArray("vectors");
    for (String text : new String[] {"alpha", "beta", "gamma"}) {
      ObjectNode vector = vectors.addObject().put("id", text);
      ArrayNode values = vector.putArray("values");
      for (float v : FakePinecone.embedding(text, 4)) {
        values.add(v);
      }
    }
    status("/vectors/upsert", body);
    ObjectNode query = JSON.createObjectNode().put("topK", 2);
    ArrayNode values = query.putArray("vector");
    for (float v : FakePinecone.embedding("beta", 4)) {
      values.add(v);
    }
    try (Response response = post("/query", query, true)) {
      JsonNode answer = JSON.readTree(response.body().string());
      assertThat(answer.get("matches").get(0).get("id").asText()).isEqualTo("beta");
    }
    assertThat(fake.specViolations()).isEmpty();
  }

  private JsonNode answer(String path, JsonNode body) throws IOException {
    try (Response response = post(path, body, true)) {
      assertThat(response.code()).isEqualTo(200);
      return JSON.readTree(response.body().string());
    }
  }

  private static ObjectNode embedRequest(String... texts) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "multilingual-e5-large");
    ArrayNode inputs = body.putArray("inputs");
    for (String text : texts) {
      inputs.addObject().put("text", text);
    }
    return body;
  }

  private static float[] floats(JsonNode values) {
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i).floatValue();
    }
    return floats;
  }

  @Test
  void benchmarkModeStillRefusesWhatPineconeRefuses() throws IOException {
    fake.close();
    fake = new FakePinecone("key", "docs", 2000, 2000, null);
    fake.benchmarkMode();
    ObjectNode tooBig = upsert(300, 2000);
    assertThat(tooBig.toString().length()).isGreaterThan((int) FakePinecone.MAX_UPSERT_BYTES);
    assertThat(status("/vectors/upsert", tooBig)).isEqualTo(400);
    assertThat(status("/vectors/upsert", upsert(1001, 1))).isEqualTo(400);
    assertThat(status("/vectors/upsert", upsert(2, 1999))).isEqualTo(400);
    ObjectNode nested = upsert(1, 2000);
    ((ObjectNode) nested.get("vectors").get(0).get("metadata")).putObject("a").put("b", 1);
    assertThat(status("/vectors/upsert", nested)).isEqualTo(400);
    ObjectNode notNumbers = upsert(1, 2000);
    ((ArrayNode) notNumbers.get("vectors").get(0).get("values")).set(5, "x");
    assertThat(status("/vectors/upsert", notNumbers)).isEqualTo(400);
    assertThat(fake.vectors("")).isEmpty();
    assertThat(fake.refusals()).containsOnly(400);

    assertThat(status("/vectors/upsert", upsert(100, 2000))).isEqualTo(200);
    assertThat(fake.vectors("")).hasSize(100).containsKey("v99");
    assertThat(fake.vectors("").get("v7").metadata()).containsEntry("source_id", "doc");
  }

  @Test
  void benchmarkModeGivesEachTextItsOwnVectorAndAQueryFindsItFirst() throws IOException {
    fake.close();
    fake = new FakePinecone("key", "docs", 1024, 1024, null);
    fake.benchmarkMode();
    String[] texts = new String[96];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = "text " + i;
    }
    JsonNode data = answer("/embed", embedRequest(texts)).get("data");
    ObjectNode body = JSON.createObjectNode();
    ArrayNode vectors = body.putArray("vectors");
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int i = 0; i < texts.length; i++) {
      float[] values = floats(data.get(i).get("values"));
      assertThat(values).hasSize(1024).containsExactly(fake.benchmarkEmbedding(texts[i]));
      distinct.add(java.util.Arrays.toString(values));
      vectors.addObject().put("id", "id-" + i).set("values", data.get(i).get("values"));
    }
    assertThat(distinct).hasSize(texts.length);
    assertThat(floats(answer("/embed", embedRequest("text 5")).get("data").get(0).get("values")))
        .containsExactly(fake.benchmarkEmbedding("text 5"));
    assertThat(fake.embeddedTexts()).hasSize(97);
    assertThat(status("/vectors/upsert", body)).isEqualTo(200);

    for (int probe : new int[] {0, 41, 95}) {
      ObjectNode query = JSON.createObjectNode().put("topK", 3);
      query.set("vector", data.get(probe).get("values"));
      JsonNode matches = answer("/query", query).get("matches");
      assertThat(matches.get(0).get("id").asText()).isEqualTo("id-" + probe);
      assertThat(matches.get(1).get("score").asDouble())
          .isLessThan(matches.get(0).get("score").asDouble());
    }
  }

  @Test
  void benchmarkModeIsRefusedWhenTheSpecIsChecked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(fake::benchmarkMode)
        .isInstanceOf(IllegalStateException.class);
  }
}
