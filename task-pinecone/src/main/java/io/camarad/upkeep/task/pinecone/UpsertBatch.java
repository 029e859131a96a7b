package io.camarad.upkeep.task.pinecone;

import java.util.List;

/**
 * One upsert request, serialized, with the records to keep once it succeeds.
 *
 * @param body the JSON body, within the vector and byte limits
 * @param records one record per vector in the body, in the same order
 */
record UpsertBatch(byte[] body, List<ChunkRecord> records) {
  UpsertBatch {
    records = List.copyOf(records);
  }

  int size() {
    return records.size();
  }
}
