package io.camarad.upkeep.task.pinecone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Vector ids for chunks: {@code docId#n}. A document id that Pinecone may not take or that is
 * awkward in URLs and logs (longer than {@value #MAX_PLAIN} characters, outside printable ASCII, or
 * holding {@code ~ " \ %} or spaces) is replaced by a readable prefix, a {@code ~} and a hash of
 * the whole id. Plain ids never contain {@code ~} and hashed ones always do, so the two forms
 * cannot collide; two hashed ids collide only if 96 bits of SHA-256 do.
 */
final class VectorIds {
  static final int MAX_PLAIN = 400;
  static final int MAX_ID_LENGTH = 512;
  private static final int PREFIX_LENGTH = 48;
  private static final int HASH_HEX = 24;

  private VectorIds() {}

  /** The id of chunk {@code index} of document {@code documentId}. */
  static String chunkId(String documentId, int index) {
    return safeDocumentId(documentId) + "#" + index;
  }

  /** The document part of the vector ids, safe for Pinecone. */
  static String safeDocumentId(String documentId) {
    if (isPlain(documentId)) {
      return documentId;
    }
    return readablePrefix(documentId) + "~" + hash(documentId);
  }

  private static boolean isPlain(String id) {
    if (id.isEmpty() || id.length() > MAX_PLAIN) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!isSafe(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSafe(char c) {
    return c > 0x20 && c < 0x7f && c != '~' && c != '"' && c != '\\' && c != '%';
  }

  private static String readablePrefix(String id) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < id.length() && prefix.length() < PREFIX_LENGTH; i++) {
      char c = id.charAt(i);
      prefix.append(isSafe(c) ? c : '_');
    }
    return prefix.toString();
  }

  private static String hash(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
