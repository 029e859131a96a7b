package io.camarad.upkeep.task.pinecone;

/** Keeps the per-chunk records between runs. */
interface RecordStore {

  /** Where the records live, for messages. */
  String describe();

  /** The records; empty when none were saved yet. Changes nothing. */
  ChunkRecords load() throws Exception;

  /** Saves the records as they are now. Atomic for a file; per change for MongoDB. */
  void save(ChunkRecords records) throws Exception;
}
