package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.CancelledException;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import org.slf4j.Logger;

/**
 * One apply of the task: resolves the index and checks its dimension, streams the source through
 * the change tracker into the index writer, deletes what vanished (only after a complete read),
 * saves the records, and verifies the index. The index is always written before the records, and
 * the records are saved on every exit, so they never claim more than the index holds and the next
 * run converges.
 */
final class Refresh {
  private final TaskContext context;
  private final PineconeSettings settings;
  private final DocumentSource source;
  private final RecordStore store;
  private final DocumentChunker chunker;
  private final Clients clients;
  private final Logger log;
  private final FirstChunk first = new FirstChunk();
  private static final int PROGRESS_EVERY = 5000;

  Refresh(
      TaskContext context,
      PineconeSettings settings,
      DocumentSource source,
      RecordStore store,
      DocumentChunker chunker,
      Clients clients) {
    this.context = context;
    this.settings = settings;
    this.source = source;
    this.store = store;
    this.chunker = chunker;
    this.clients = clients;
    this.log = context.logger();
  }

  /** A resolved data plane: its URL and the index's dimension. */
  private record Target(HttpUrl host, int dimension) {}

  TaskOutcome run() throws Exception {
    ChunkRecords records = store.load();
    Target target = resolveTarget();
    ChangeTracker tracker = new ChangeTracker(records, settings.mode());
    long deleted;
    IndexWriter.Probe probe;
    try {
      try (IndexWriter writer = writer(target, records)) {
        probe = stream(tracker, writer);
      }
      deleted = deleteStale(target, tracker.staleVectorIds(), records);
    } catch (Exception failure) {
      saveAfterFailure(records, failure);
      throw failure;
    }
    saveRecords(records);
    RefreshCounts counts = tracker.counts();
    long verified = verify(target, tracker.chunkCount(), probe);
    return outcome(counts, deleted, verified);
  }

  private Target resolveTarget() throws Exception {
    PineconeIndex index = clients.index();
    HttpUrl host;
    OptionalInt dimension = OptionalInt.empty();
    if (settings.indexHost().isPresent()) {
      host = HttpUrl.get(settings.indexHost().get().toString());
    } else {
      PineconeIndex.Description description =
          index.describe(HttpUrl.get(settings.controlBaseUrl().toString()));
      host = HttpUrl.get("https://" + description.host());
      dimension = description.dimension();
    }
    if (dimension.isEmpty()) {
      dimension = index.stats(host).dimension();
    }
    if (dimension.isEmpty()) {
      throw new IllegalStateException(
          "index '"
              + settings.index()
              + "' reports no dimension; is it a sparse index? "
              + "This task writes dense vectors");
    }
    checkModelDimension(dimension.getAsInt());
    log.info(
        "Task '{}': index '{}' at {} has dimension {}",
        context.taskId(),
        settings.index(),
        host,
        dimension.getAsInt());
    return new Target(host, dimension.getAsInt());
  }

  private void checkModelDimension(int indexDimension) throws Exception {
    Embedder embedder = clients.embedder();
    OptionalInt model = embedder.dimension();
    if (model.isPresent() && model.getAsInt() != indexDimension) {
      throw DimensionMismatch.of(embedder.model(), model.getAsInt(), indexDimension);
    }
  }

  private IndexWriter writer(Target target, ChunkRecords records) {
    UpsertBatcher batcher =
        new UpsertBatcher(
            Json.MAPPER,
            settings.namespace(),
            settings.upsertMaxVectors(),
            settings.upsertMaxBytes());
    return new IndexWriter(
        context,
        clients.embedder(),
        clients.index(),
        target.host(),
        target.dimension(),
        batcher,
        records,
        settings.concurrency());
  }

  /** Streams the source into the writer; returns a chunk to probe the index with. */
  private IndexWriter.Probe stream(ChangeTracker tracker, IndexWriter writer) throws Exception {
    SourceReadException sourceFailure = null;
    try {
      source.read(
          document -> {
            context.cancellation().throwIfCancelled();
            if (writer.failure().isPresent()) {
              throw new WriterFailed();
            }
            List<Chunk> chunks = chunker.chunks(document);
            first.offer(chunks);
            writer.write(tracker.track(document, chunks).toWrite());
            reportProgress(tracker);
          });
    } catch (WriterFailed e) {
      // The writer's own failure is thrown by finish() below.
    } catch (SourceReadException e) {
      sourceFailure = e;
    } catch (CancelledException e) {
      writer.abandon();
      throw e;
    }
    writer.finish();
    if (sourceFailure != null) {
      throw new SourceReadException(
          sourceFailure.getMessage()
              + "; the documents read before it were written, nothing "
              + "was deleted",
          sourceFailure);
    }
    return writer.probe().orElse(null);
  }

  private void reportProgress(ChangeTracker tracker) {
    long documents = tracker.documentsSeen();
    if (documents % PROGRESS_EVERY == 0) {
      context
          .progress()
          .report(
              String.format(
                  "read %,d documents of %s, %,d chunks to embed",
                  documents, source.describe(), tracker.chunksToWrite()));
    }
  }

  private long deleteStale(Target target, List<String> stale, ChunkRecords records)
      throws Exception {
    for (int from = 0; from < stale.size(); from += PineconeSettings.PINECONE_MAX_VECTORS) {
      context.cancellation().throwIfCancelled();
      List<String> batch =
          stale.subList(from, Math.min(stale.size(), from + PineconeSettings.PINECONE_MAX_VECTORS));
      clients.index().delete(target.host(), new ArrayList<>(batch));
      records.recordDeleted(batch);
      context.usage().add("vectors_deleted", batch.size());
    }
    return stale.size();
  }

  /** Saves what reached the index; a failure to save is attached to the run's failure. */
  private void saveAfterFailure(ChunkRecords records, Exception failure) {
    try {
      saveRecords(records);
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  private void saveRecords(ChunkRecords records) throws Exception {
    if (records.changedSinceLoad()) {
      store.save(records);
      log.debug(
          "Task '{}': saved {} records to {}", context.taskId(), records.size(), store.describe());
    }
  }

  private long verify(Target target, long chunks, IndexWriter.Probe probe) throws Exception {
    if (!settings.verify()) {
      return -1;
    }
    IndexVerifier verifier =
        new IndexVerifier(
            context,
            clients.index(),
            target.host(),
            settings.namespace(),
            settings.verifyTimeout(),
            settings.verifyPollInterval());
    long found = verifier.verifyCount(chunks);
    IndexWriter.Probe known = probe != null ? probe : first.probe(clients.embedder());
    if (known != null) {
      verifier.verifyQuery(known);
    }
    log.info(
        "Task '{}': verified {} vectors in namespace '{}'",
        context.taskId(),
        found,
        settings.namespace());
    return found;
  }

  private TaskOutcome outcome(RefreshCounts counts, long deleted, long verified) {
    Map<String, Long> numbers = new LinkedHashMap<>(counts.asMap());
    // vectors_deleted is a usage counter already; the engine sums usage and counts by name.
    numbers.remove("vectors_to_delete");
    numbers.put("chunks_written", counts.chunksToWrite());
    numbers.remove("chunks_to_write");
    String summary =
        String.format(
            "embedded %,d chunks of %,d documents (%,d added, %,d updated), deleted %,d vectors "
                + "of %,d removed documents, %,d documents unchanged%s",
            counts.chunksToWrite(),
            counts.documentsAdded() + counts.documentsUpdated(),
            counts.documentsAdded(),
            counts.documentsUpdated(),
            deleted,
            counts.documentsDeleted(),
            counts.documentsUnchanged(),
            verified >= 0 ? String.format("; verified %,d vectors", verified) : "");
    return new TaskOutcome(summary, numbers);
  }

  /** Stops the source read when a worker has failed. */
  private static final class WriterFailed extends Exception {
    private static final long serialVersionUID = 1L;

    WriterFailed() {
      super(null, null, false, false);
    }
  }

  /** The first chunk of the source, to probe the index when nothing was embedded. */
  private static final class FirstChunk {
    private Chunk chunk;

    void offer(List<Chunk> chunks) {
      if (chunk == null && !chunks.isEmpty()) {
        chunk = chunks.get(0);
      }
    }

    IndexWriter.Probe probe(Embedder embedder) throws Exception {
      if (chunk == null) {
        return null;
      }
      float[] vector = embedder.embed(List.of(chunk.text())).vectors().get(0).floats();
      return new IndexWriter.Probe(chunk.vectorId(), vector);
    }
  }
}
