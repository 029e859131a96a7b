package io.camarad.upkeep.task.pinecone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records of one index namespace, in memory, changed by worker threads as upserts and deletes
 * succeed. Keeps what changed since loading, for stores that write only the changes.
 */
final class ChunkRecords {
  private final Map<String, ChunkRecord> byVectorId = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> vectorIdsBySource = new HashMap<>();
  private final Map<String, ChunkRecord> written = new ConcurrentHashMap<>();
  private final Set<String> removed = ConcurrentHashMap.newKeySet();

  ChunkRecords(Collection<ChunkRecord> loaded) {
    for (ChunkRecord record : loaded) {
      byVectorId.put(record.vectorId(), record);
      vectorIdsBySource
          .computeIfAbsent(record.sourceId(), id -> new HashSet<>())
          .add(record.vectorId());
    }
  }

  static ChunkRecords empty() {
    return new ChunkRecords(List.of());
  }

  Optional<ChunkRecord> get(String vectorId) {
    return Optional.ofNullable(byVectorId.get(vectorId));
  }

  /** Whether the document had vectors when the records were loaded. */
  boolean knewSource(String sourceId) {
    return vectorIdsBySource.containsKey(sourceId);
  }

  /** The vector ids recorded for a document when the records were loaded. */
  Set<String> loadedVectorIds(String sourceId) {
    return vectorIdsBySource.getOrDefault(sourceId, Set.of());
  }

  /** The document ids known when the records were loaded. */
  Set<String> loadedSources() {
    return vectorIdsBySource.keySet();
  }

  /** Records vectors that reached the index. Thread-safe. */
  void recordWritten(Collection<ChunkRecord> records) {
    for (ChunkRecord record : records) {
      byVectorId.put(record.vectorId(), record);
      written.put(record.vectorId(), record);
      removed.remove(record.vectorId());
    }
  }

  /** Forgets vectors deleted from the index. Thread-safe. */
  void recordDeleted(Collection<String> vectorIds) {
    for (String id : vectorIds) {
      byVectorId.remove(id);
      written.remove(id);
      removed.add(id);
    }
  }

  int size() {
    return byVectorId.size();
  }

  List<ChunkRecord> all() {
    return new ArrayList<>(byVectorId.values());
  }

  List<ChunkRecord> writtenSinceLoad() {
    return new ArrayList<>(written.values());
  }

  Set<String> removedSinceLoad() {
    return Set.copyOf(removed);
  }

  boolean changedSinceLoad() {
    return !written.isEmpty() || !removed.isEmpty();
  }
}
