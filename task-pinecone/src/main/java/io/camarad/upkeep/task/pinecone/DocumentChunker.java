package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a document into its chunks: splits the text, gives each chunk its stable id, flattens and
 * fits the metadata, and hashes what the vector depends on (the embedding model, the chunk text and
 * the metadata) so that a changed chunk is found without embedding it.
 */
final class DocumentChunker {
  static final String SOURCE_ID = "source_id";
  static final String CONTENT_HASH = "content_hash";
  static final String CHUNK_INDEX = "chunk_index";
  static final String TEXT = "text";
  private static final Set<String> PROTECTED = Set.of(SOURCE_ID, CONTENT_HASH, CHUNK_INDEX);

  private final TextChunker chunker;
  private final MetadataFlattener flattener;
  private final ObjectMapper canonicalJson;
  private final String model;

  DocumentChunker(TextChunker chunker, MetadataFlattener flattener, String model) {
    this.chunker = chunker;
    this.flattener = flattener;
    this.canonicalJson =
        new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    this.model = model;
  }

  List<Chunk> chunks(SourceDocument document) {
    Map<String, Object> shared = flattener.flatten(document.metadata());
    List<String> texts = chunker.split(document.text());
    List<Chunk> chunks = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      chunks.add(chunk(document.id(), i, texts.get(i), shared));
    }
    return chunks;
  }

  private Chunk chunk(String sourceId, int index, String text, Map<String, Object> shared) {
    String hash = hash(text, shared);
    Map<String, Object> metadata = new LinkedHashMap<>(shared);
    metadata.put(TEXT, text);
    metadata.put(SOURCE_ID, sourceId);
    metadata.put(CHUNK_INDEX, index);
    metadata.put(CONTENT_HASH, hash);
    return new Chunk(
        VectorIds.chunkId(sourceId, index),
        sourceId,
        text,
        flattener.fit(metadata, PROTECTED),
        hash);
  }

  private String hash(String text, Map<String, Object> metadata) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(model.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(text.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(canonicalJson.writeValueAsBytes(new TreeMap<>(metadata)));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash chunk content", e);
    }
  }
}
