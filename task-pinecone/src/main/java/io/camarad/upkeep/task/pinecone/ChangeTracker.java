package io.camarad.upkeep.task.pinecone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Compares the source, document by document as it streams past, with the records of the last runs:
 * which chunks to write, which documents are new, changed or unchanged, and, once the whole source
 * has been seen, which recorded vectors have no chunk any more. Also digests the source in order,
 * as the plan's fingerprint. Used from one thread.
 */
final class ChangeTracker {
  private final ChunkRecords records;
  private final PineconeSettings.Mode mode;
  private final Set<String> seenVectorIds = new HashSet<>();
  private final Set<String> seenSources = new HashSet<>();
  private final MessageDigest digest;
  private long added;
  private long updated;
  private long unchanged;
  private long chunks;
  private long chunksToWrite;

  ChangeTracker(ChunkRecords records, PineconeSettings.Mode mode) {
    this.records = records;
    this.mode = mode;
    this.digest = sha256();
  }

  /** How one document compares with the records. */
  enum Kind {
    ADDED,
    UPDATED,
    UNCHANGED
  }

  /** The outcome for one document: its kind and the chunks to embed and upsert. */
  record DocumentChange(Kind kind, List<Chunk> toWrite) {}

  /**
   * Classifies a document.
   *
   * @throws SourceReadException when the document id was seen before in this source
   */
  DocumentChange track(SourceDocument document, List<Chunk> documentChunks)
      throws SourceReadException {
    if (!seenSources.add(document.id())) {
      throw new SourceReadException(
          "document id '" + document.id() + "' appears twice in the source; ids must be unique");
    }
    List<Chunk> toWrite = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Chunk chunk : documentChunks) {
      ids.add(chunk.vectorId());
      seenVectorIds.add(chunk.vectorId());
      digest(chunk);
      if (mode == PineconeSettings.Mode.FULL || !recordedAsIs(chunk)) {
        toWrite.add(chunk);
      }
    }
    chunks += documentChunks.size();
    chunksToWrite += toWrite.size();
    Kind kind = kind(document.id(), ids, toWrite);
    count(kind);
    return new DocumentChange(kind, toWrite);
  }

  private boolean recordedAsIs(Chunk chunk) {
    return records
        .get(chunk.vectorId())
        .map(
            r ->
                r.contentHash().equals(chunk.contentHash())
                    && r.sourceId().equals(chunk.sourceId()))
        .orElse(false);
  }

  private Kind kind(String sourceId, Set<String> ids, List<Chunk> toWrite) {
    if (!records.knewSource(sourceId)) {
      return ids.isEmpty() ? Kind.UNCHANGED : Kind.ADDED;
    }
    boolean sameIds = records.loadedVectorIds(sourceId).equals(ids);
    return toWrite.isEmpty() && sameIds ? Kind.UNCHANGED : Kind.UPDATED;
  }

  private void count(Kind kind) {
    switch (kind) {
      case ADDED -> added++;
      case UPDATED -> updated++;
      case UNCHANGED -> unchanged++;
    }
  }

  private void digest(Chunk chunk) {
    digest.update(chunk.vectorId().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(chunk.contentHash().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }

  /** Recorded vectors whose chunk was not seen; meaningful only after a complete read. */
  List<String> staleVectorIds() {
    List<String> stale = new ArrayList<>();
    for (ChunkRecord record : records.all()) {
      if (!seenVectorIds.contains(record.vectorId())) {
        stale.add(record.vectorId());
      }
    }
    stale.sort(null);
    return stale;
  }

  /** The counts so far; deletions counted as if the read were complete. */
  RefreshCounts counts() {
    long deletedDocuments =
        records.loadedSources().stream().filter(id -> !seenSources.contains(id)).count();
    return new RefreshCounts(
        added,
        updated,
        unchanged,
        deletedDocuments,
        chunks,
        chunksToWrite,
        staleVectorIds().size());
  }

  /** Documents tracked so far; cheap. */
  long documentsSeen() {
    return seenSources.size();
  }

  /** Chunks to write so far; cheap. */
  long chunksToWrite() {
    return chunksToWrite;
  }

  /** The number of chunks in the source, which the namespace should hold after a refresh. */
  long chunkCount() {
    return chunks;
  }

  /** A digest of every chunk id and content hash, in source order. */
  String sourceFingerprint() {
    try {
      MessageDigest copy = (MessageDigest) digest.clone();
      return HexFormat.of().formatHex(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests cannot be cloned here", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
