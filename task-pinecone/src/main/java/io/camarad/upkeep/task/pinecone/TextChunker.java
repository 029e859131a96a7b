package io.camarad.upkeep.task.pinecone;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks of at most {@code size} characters, consecutive chunks sharing about
 * {@code overlap} characters. Cuts fall on a paragraph break when one lies in the second half of
 * the window, else on whitespace, and only when neither exists in the middle of a word. The same
 * text always gives the same chunks, so chunk ids stay stable between runs.
 */
final class TextChunker {
  private final int size;
  private final int overlap;

  TextChunker(int size, int overlap) {
    if (size < 1 || overlap < 0 || overlap >= size) {
      throw new IllegalArgumentException("chunk size " + size + ", overlap " + overlap);
    }
    this.size = size;
    this.overlap = overlap;
  }

  List<String> split(String text) {
    String body = text.strip();
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      if (body.length() - start <= size) {
        chunks.add(body.substring(start).strip());
        break;
      }
      int cut = cutPoint(body, start);
      chunks.add(body.substring(start, cut).strip());
      start = nextStart(body, start, cut);
    }
    chunks.removeIf(String::isEmpty);
    return chunks;
  }

  private int cutPoint(String body, int start) {
    int end = start + size;
    int floor = start + size / 2;
    int paragraph = body.lastIndexOf("\n\n", end - 2);
    if (paragraph >= floor) {
      return paragraph + 2;
    }
    for (int i = end; i > floor; i--) {
      if (Character.isWhitespace(body.charAt(i - 1))) {
        return i;
      }
    }
    return safeCut(body, end);
  }

  /** The next chunk starts {@code overlap} characters back, at the start of a word. */
  private int nextStart(String body, int start, int cut) {
    if (overlap == 0) {
      return skipWhitespace(body, cut);
    }
    int from = Math.max(start + 1, cut - overlap);
    for (int i = from; i < cut; i++) {
      if (Character.isWhitespace(body.charAt(i - 1)) && !Character.isWhitespace(body.charAt(i))) {
        return i;
      }
    }
    return skipWhitespace(body, cut);
  }

  private static int skipWhitespace(String body, int index) {
    int i = index;
    while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Never separates the two halves of a surrogate pair. */
  private static int safeCut(String body, int end) {
    return Character.isLowSurrogate(body.charAt(end)) ? end - 1 : end;
  }
}
