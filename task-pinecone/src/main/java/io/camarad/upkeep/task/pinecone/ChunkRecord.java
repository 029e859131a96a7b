package io.camarad.upkeep.task.pinecone;

import java.time.Instant;

/**
 * What the task knows of one vector in the index: which document and content it came from, and when
 * it was written.
 *
 * @param vectorId the vector's id
 * @param sourceId the document id
 * @param contentHash the hash of the content the vector was made from
 * @param writtenAt when the upsert that wrote it succeeded
 */
record ChunkRecord(String vectorId, String sourceId, String contentHash, Instant writtenAt) {}
