package io.camarad.upkeep.task.pinecone;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a refresh finds or did, in documents and chunks.
 *
 * @param documentsAdded documents without vectors before
 * @param documentsUpdated documents with at least one new, changed or vanished chunk
 * @param documentsUnchanged documents whose chunks are all recorded with the same content
 * @param documentsDeleted documents gone from the source whose vectors are recorded
 * @param chunks chunks in the source
 * @param chunksToWrite chunks to embed and upsert
 * @param vectorsToDelete recorded vectors whose chunk is gone from the source
 */
record RefreshCounts(
    long documentsAdded,
    long documentsUpdated,
    long documentsUnchanged,
    long documentsDeleted,
    long chunks,
    long chunksToWrite,
    long vectorsToDelete) {

  boolean hasWork() {
    return chunksToWrite > 0 || vectorsToDelete > 0;
  }

  long documents() {
    return documentsAdded + documentsUpdated + documentsUnchanged;
  }

  Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("documents_added", documentsAdded);
    map.put("documents_updated", documentsUpdated);
    map.put("documents_unchanged", documentsUnchanged);
    map.put("documents_deleted", documentsDeleted);
    map.put("chunks", chunks);
    map.put("chunks_to_write", chunksToWrite);
    map.put("vectors_to_delete", vectorsToDelete);
    return map;
  }

  String describe() {
    return String.format(
        "%,d added, %,d updated, %,d unchanged, %,d deleted documents; "
            + "%,d of %,d chunks to embed, %,d vectors to delete",
        documentsAdded,
        documentsUpdated,
        documentsUnchanged,
        documentsDeleted,
        chunksToWrite,
        chunks,
        vectorsToDelete);
  }
}
