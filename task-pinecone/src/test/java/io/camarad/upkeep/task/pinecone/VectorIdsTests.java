package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VectorIdsTests {

  @Test
  void plainIdsStayReadable() {
    assertThat(VectorIds.chunkId("common/tar", 0)).isEqualTo("common/tar#0");
    assertThat(VectorIds.chunkId("common/!", 2)).isEqualTo("common/!#2");
    assertThat(VectorIds.chunkId("common/[", 1)).isEqualTo("common/[#1");
  }

  @Test
  void oddIdsGetAReadablePrefixAndAHash() {
    String id = VectorIds.chunkId("pages/café au lait", 0);
    assertThat(id).startsWith("pages/caf__au_lait~").endsWith("#0");
    assertThat(id.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
  }

  @Test
  void longIdsFitPineconesLimit() {
    String id = VectorIds.chunkId("x".repeat(5000), 123);
    assertThat(id.length()).isLessThanOrEqualTo(VectorIds.MAX_ID_LENGTH);
    assertThat(id).startsWith("xxxx");
  }

  @Test
  void idsThatLookHashedAreHashedToo() {
    String lookalike = "a~" + "0".repeat(24);
    assertThat(VectorIds.safeDocumentId(lookalike)).isNotEqualTo(lookalike);
  }

  @Test
  void distinctDocumentsNeverShareAVectorId() {
    List<String> documents =
        List.of(
            "a b",
            "a_b",
            "a\tb",
            "a~b",
            "a%b",
            "a\"b",
            "a#1",
            "a",
            "x".repeat(401),
            "x".repeat(402),
            "é",
            "e");
    Set<String> ids = new HashSet<>();
    for (String document : documents) {
      for (int chunk = 0; chunk < 3; chunk++) {
        assertThat(ids.add(VectorIds.chunkId(document, chunk))).as(document).isTrue();
      }
    }
  }
}
