package io.camarad.upkeep.task.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTests {

  @Test
  void shortTextIsOneChunk() {
    assertThat(new TextChunker(100, 10).split("  a short page  ")).containsExactly("a short page");
  }

  @Test
  void emptyTextHasNoChunks() {
    assertThat(new TextChunker(100, 10).split(" \n ")).isEmpty();
  }

  @Test
  void chunksStayWithinTheSizeAndCutBetweenWords() {
    String text = "word ".repeat(500);
    List<String> chunks = new TextChunker(100, 20).split(text);
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(c.length()).isLessThanOrEqualTo(100);
              assertThat(c).startsWith("word").endsWith("word");
            });
  }

  @Test
  void consecutiveChunksOverlap() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("w").append(i).append(' ');
    }
    List<String> chunks = new TextChunker(120, 30).split(text.toString());
    for (int i = 1; i < chunks.size(); i++) {
      String previous = chunks.get(i - 1);
      String firstWord = chunks.get(i).split(" ")[0];
      assertThat(previous).contains(firstWord);
    }
  }

  @Test
  void prefersParagraphBreaks() {
    String text = "a".repeat(60) + "\n\n" + "b ".repeat(40);
    List<String> chunks = new TextChunker(100, 0).split(text);
    assertThat(chunks.get(0)).isEqualTo("a".repeat(60));
  }

  @Test
  void sameTextGivesSameChunks() {
    String text = "lorem ipsum dolor sit amet ".repeat(100);
    assertThat(new TextChunker(200, 40).split(text))
        .isEqualTo(new TextChunker(200, 40).split(text));
  }

  @Test
  void neverSplitsASurrogatePair() {
    String text = "😀".repeat(200);
    List<String> chunks = new TextChunker(51, 0).split(text);
    assertThat(String.join("", chunks)).isEqualTo(text);
    assertThat(chunks).allSatisfy(c -> assertThat(Character.isLowSurrogate(c.charAt(0))).isFalse());
  }
}
