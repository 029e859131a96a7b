package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpsertBatcherTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<UpsertBatch> pack(UpsertBatcher batcher, int count, int dimension)
      throws Exception {
    List<UpsertBatch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Chunk chunk = new Chunk("doc-" + i + "#0", "doc-" + i, "t", Map.of("text", "t"), "h");
      batcher
          .add(
              chunk,
              JsonVector.of(FakePinecone.embedding("t" + i, dimension)),
              new ChunkRecord(chunk.vectorId(), chunk.sourceId(), "h", null))
          .ifPresent(batches::add);
    }
    batcher.drain().ifPresent(batches::add);
    return batches;
  }

  @Test
  void smallVectorsAreCutAtTheVectorLimit() throws Exception {
    List<UpsertBatch> batches = pack(new UpsertBatcher(JSON, "", 1000, 2_000_000), 2500, 4);
    assertThat(batches).extracting(UpsertBatch::size).containsExactly(1000, 1000, 500);
  }

  @Test
  void largeVectorsAreCutAtTheByteLimitMeasuredOnTheBody() throws Exception {
    List<UpsertBatch> batches = pack(new UpsertBatcher(JSON, "ns", 1000, 2_000_000), 500, 1024);
    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches).allSatisfy(b -> assertThat(b.body().length).isLessThanOrEqualTo(2_000_000));
    assertThat(batches.stream().mapToInt(UpsertBatch::size).sum()).isEqualTo(500);
    assertThat(batches.get(0).size()).isLessThan(1000);
  }

  @Test
  void bodyIsAValidUpsertRequest() throws Exception {
    UpsertBatch batch = pack(new UpsertBatcher(JSON, "ns", 1000, 2_000_000), 3, 4).get(0);
    JsonNode body = JSON.readTree(batch.body());
    assertThat(body.get("namespace").asText()).isEqualTo("ns");
    assertThat(body.get("vectors")).hasSize(3);
    assertThat(body.get("vectors").get(1).get("id").asText()).isEqualTo("doc-1#0");
    assertThat(
            Fixture.CONTRACT.checkRequest(SpecContract.Api.DATA, "POST", "/vectors/upsert", body))
        .isEmpty();
  }
}
