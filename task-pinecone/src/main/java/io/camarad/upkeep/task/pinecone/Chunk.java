package io.camarad.upkeep.task.pinecone;

import java.util.Map;

/**
 * One chunk of a document, ready to embed and upsert.
 *
 * @param vectorId the id of its vector: {@code docId#n}, made safe for Pinecone
 * @param sourceId the id of the document it comes from
 * @param text the text to embed
 * @param metadata flat metadata as Pinecone takes it, with {@code source_id} and {@code
 *     content_hash}
 * @param contentHash a hash of what the vector depends on: model, text and metadata
 */
record Chunk(
    String vectorId,
    String sourceId,
    String text,
    Map<String, Object> metadata,
    String contentHash) {}
