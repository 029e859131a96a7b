package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.ServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonVectorTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonHttp HTTP =
      new JsonHttp("pinecone", new OkHttpClient(), JSON, null, null, Headers.of(), List.of());

  private static JsonVector read(String array) throws Exception {
    try (JsonParser parser = JSON.getFactory().createParser(array)) {
      parser.nextToken();
      return VectorValues.read(parser, HTTP, "embed");
    }
  }

  @Test
  void numbersReachTheUpsertBodyExactlyAsTheEmbeddingEndpointWroteThem() throws Exception {
    JsonVector vector = read("[ 0.1250000, -2E-3,1e+2 ,0, -0.0, 3.4028235E38 ]");
    Chunk chunk = new Chunk("doc#0", "doc", "t", Map.of("text", "t"), "h");
    UpsertBatcher batcher = new UpsertBatcher(JSON, "ns", 1000, 2_000_000);
    batcher.add(chunk, vector, new ChunkRecord("doc#0", "doc", "h", null));
    String body = new String(batcher.drain().orElseThrow().body(), StandardCharsets.UTF_8);

    assertThat(vector.dimension()).isEqualTo(6);
    assertThat(body)
        .contains("\"values\":[0.1250000,-2E-3,1e+2,0,-0.0,3.4028235E38]")
        .isEqualTo(
            "{\"vectors\":[{\"id\":\"doc#0\",\"values\":[0.1250000,-2E-3,1e+2,0,-0.0,"
                + "3.4028235E38],\"metadata\":{\"text\":\"t\"}}],\"namespace\":\"ns\"}");
    assertThat(JSON.readTree(body).path("vectors").get(0).path("values")).hasSize(6);
  }

  @Test
  void floatsAreParsedFromTheTextOnDemand() throws Exception {
    assertThat(read("[0.5,-2E-3,100]").floats()).containsExactly(0.5f, -0.002f, 100f);
    assertThat(JsonVector.of(new float[] {0.5f, -1f}).floats()).containsExactly(0.5f, -1f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, \"2\"]", "[1, true]", "[1, null]", "[1, [2]]", "[1, {}]"})
  void aValueThatIsNotANumberIsRefusedWithWhatWasFound(String array) {
    assertThatThrownBy(() -> read(array))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("an embedding value is not a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, NaN]", "[Infinity]", "[-Infinity]", "[01]", "[1.]", "[-]", "[.5]"})
  void aMalformedNumberIsRefusedByTheScanner(String array) {
    // The parser refuses it as JSON; JsonHttp turns that into a retryable malformed answer.
    assertThatThrownBy(() -> read(array)).isInstanceOf(IOException.class);
  }

  @Test
  void anEmptyArrayIsRefused() {
    assertThatThrownBy(() -> read("[]")).hasMessageContaining("an embedding has no values");
  }
}
