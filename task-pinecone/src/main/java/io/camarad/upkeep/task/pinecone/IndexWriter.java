package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embeds chunks and upserts their vectors with at most {@code concurrency} requests in flight.
 * Chunks are embedded in batches of the embedder's size; vectors then go to one shared {@link
 * UpsertBatcher}, whose full batches are upserted on the same worker pool. A vector is recorded
 * only after the upsert that carried it succeeded, so the records never claim more than the index
 * holds. The first failure stops new work; work in flight finishes.
 */
final class IndexWriter implements AutoCloseable {
  private final TaskContext context;
  private final Embedder embedder;
  private final PineconeIndex index;
  private final okhttp3.HttpUrl host;
  private final int dimension;
  private final UpsertBatcher batcher;
  private final ChunkRecords records;
  private final ExecutorService workers;
  private final Semaphore embedSlots;
  private final Phaser inFlight = new Phaser(1);
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicReference<Probe> probe = new AtomicReference<>();
  private final AtomicLong vectorsWritten = new AtomicLong();
  private final List<PendingChunk> pending = new ArrayList<>();

  /** A chunk waiting for its embedding; the last one of a document counts the document. */
  private record PendingChunk(Chunk chunk, boolean lastOfDocument) {}

  /** A chunk whose vector reached the index, to check that a query finds it. */
  record Probe(String vectorId, float[] vector) {}

  IndexWriter(
      TaskContext context,
      Embedder embedder,
      PineconeIndex index,
      okhttp3.HttpUrl host,
      int dimension,
      UpsertBatcher batcher,
      ChunkRecords records,
      int concurrency) {
    this.context = context;
    this.embedder = embedder;
    this.index = index;
    this.host = host;
    this.dimension = dimension;
    this.batcher = batcher;
    this.records = records;
    this.workers = Executors.newFixedThreadPool(concurrency, daemonThreads(context.taskId()));
    this.embedSlots = new Semaphore(concurrency * 2);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String taskId) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, "upkeep-" + taskId + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Queues a document's chunks to write; blocks while too much work is in flight. */
  void write(List<Chunk> chunks) throws InterruptedException {
    for (int i = 0; i < chunks.size(); i++) {
      pending.add(new PendingChunk(chunks.get(i), i == chunks.size() - 1));
      if (pending.size() >= embedder.batchSize()) {
        submitEmbedding();
      }
    }
  }

  /** The first failure of a worker, if any. */
  Optional<Exception> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Embeds and upserts whatever is still queued and waits for every request to end.
   *
   * @throws Exception the first failure of a worker
   */
  void finish() throws Exception {
    if (failure.get() == null) {
      submitEmbedding();
    }
    awaitInFlight();
    if (failure.get() == null) {
      batcher.drain().ifPresent(this::submitUpsert);
      awaitInFlight();
    }
    Exception first = failure.get();
    if (first != null) {
      throw first;
    }
  }

  /** Waits for the requests in flight without starting new ones; used when giving up. */
  void abandon() throws InterruptedException {
    pending.clear();
    fail(new IllegalStateException("abandoned"));
    awaitInFlight();
  }

  long vectorsWritten() {
    return vectorsWritten.get();
  }

  Optional<Probe> probe() {
    return Optional.ofNullable(probe.get());
  }

  private void submitEmbedding() throws InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    List<PendingChunk> batch = List.copyOf(pending);
    pending.clear();
    embedSlots.acquire();
    submit(() -> embedAndQueue(batch), embedSlots::release);
  }

  /** Runs {@code job} on a worker unless the writer failed; {@code done} runs in any case. */
  private void submit(Job job, Runnable done) {
    inFlight.register();
    try {
      workers.execute(() -> run(job, done));
    } catch (RejectedExecutionException e) {
      done.run();
      inFlight.arriveAndDeregister();
      fail(e);
    }
  }

  private void run(Job job, Runnable done) {
    try {
      if (failure.get() == null && !context.cancellation().isCancelled()) {
        job.run();
      }
    } catch (Exception e) {
      fail(e);
    } finally {
      done.run();
      inFlight.arriveAndDeregister();
    }
  }

  private void fail(Exception e) {
    failure.compareAndSet(null, e);
  }

  private void embedAndQueue(List<PendingChunk> batch) throws Exception {
    List<String> texts = batch.stream().map(p -> p.chunk().text()).toList();
    Embeddings embeddings = embedder.embed(texts);
    embeddings.tokens().ifPresent(tokens -> context.usage().add("embedding_tokens", tokens));
    context
        .usage()
        .add("documents_embedded", batch.stream().filter(PendingChunk::lastOfDocument).count());
    for (int i = 0; i < batch.size(); i++) {
      Chunk chunk = batch.get(i).chunk();
      JsonVector vector = checkDimension(embeddings.vectors().get(i));
      ChunkRecord record =
          new ChunkRecord(chunk.vectorId(), chunk.sourceId(), chunk.contentHash(), null);
      batcher.add(chunk, vector, record).ifPresent(this::submitUpsert);
      if (probe.get() == null) {
        probe.compareAndSet(null, new Probe(chunk.vectorId(), vector.floats()));
      }
    }
  }

  private JsonVector checkDimension(JsonVector vector) throws ServiceException {
    if (vector.dimension() != dimension) {
      throw DimensionMismatch.of(embedder.model(), vector.dimension(), dimension);
    }
    return vector;
  }

  private void submitUpsert(UpsertBatch batch) {
    submit(() -> upsert(batch), () -> {});
  }

  private void upsert(UpsertBatch batch) throws Exception {
    index.upsert(host, batch);
    Clock clock = context.clock();
    List<ChunkRecord> written = new ArrayList<>(batch.size());
    for (ChunkRecord record : batch.records()) {
      written.add(
          new ChunkRecord(
              record.vectorId(), record.sourceId(), record.contentHash(), clock.instant()));
    }
    records.recordWritten(written);
    vectorsWritten.addAndGet(batch.size());
    context.usage().add("vectors_written", batch.size());
  }

  private void awaitInFlight() throws InterruptedException {
    int phase = inFlight.arrive();
    inFlight.awaitAdvanceInterruptibly(phase);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface Job {
    void run() throws Exception;
  }
}
