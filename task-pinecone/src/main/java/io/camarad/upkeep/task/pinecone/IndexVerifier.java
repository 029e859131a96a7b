package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.TaskContext;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Checks the index against the source after a refresh. Pinecone's reads are eventually consistent,
 * so each check is repeated every {@code pollInterval} until it holds or {@code timeout} has
 * passed: the namespace's vector count must equal the number of chunks, and a query with a known
 * chunk's vector must find that chunk first (or tied first).
 */
final class IndexVerifier {
  private final TaskContext context;
  private final PineconeIndex index;
  private final HttpUrl host;
  private final String namespace;
  private final Duration timeout;
  private final Duration pollInterval;

  IndexVerifier(
      TaskContext context,
      PineconeIndex index,
      HttpUrl host,
      String namespace,
      Duration timeout,
      Duration pollInterval) {
    this.context = context;
    this.index = index;
    this.host = host;
    this.namespace = namespace;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
  }

  /** Verifies the vector count; returns the count found. */
  long verifyCount(long expected) throws Exception {
    long found = -1;
    for (int attempt = 0; attempt < attempts(); attempt++) {
      if (attempt > 0) {
        pause();
      }
      found = index.stats(host).vectorCount(namespace);
      if (found == expected) {
        return found;
      }
    }
    throw new VerificationException(
        "namespace '"
            + namespace
            + "' holds "
            + found
            + " vectors after waiting "
            + timeout
            + ", but the source has "
            + expected
            + " chunks. Vectors the task did not write "
            + "live there, or writes were lost; run with mode: full, or raise verifyTimeout if "
            + "the index is slow to catch up");
  }

  /** Verifies that querying with the probe's vector finds the probe first. */
  void verifyQuery(IndexWriter.Probe probe) throws Exception {
    List<PineconeIndex.Match> matches = List.of();
    for (int attempt = 0; attempt < attempts(); attempt++) {
      if (attempt > 0) {
        pause();
      }
      matches = index.query(host, probe.vector(), 5);
      if (foundFirst(matches, probe.vectorId())) {
        return;
      }
    }
    throw new VerificationException(
        "a query with the vector of chunk '"
            + probe.vectorId()
            + "' did not find it first "
            + "(found "
            + matches.stream().map(PineconeIndex.Match::id).toList()
            + ") after "
            + timeout
            + "; the index does not hold what the records say");
  }

  private static boolean foundFirst(List<PineconeIndex.Match> matches, String vectorId) {
    if (matches.isEmpty()) {
      return false;
    }
    double best = matches.get(0).score();
    return matches.stream().anyMatch(m -> m.id().equals(vectorId) && m.score() >= best - 1e-6);
  }

  private int attempts() {
    long ratio = timeout.toMillis() / Math.max(1, pollInterval.toMillis());
    return (int) Math.max(1, Math.min(ratio + 1, 10_000));
  }

  private void pause() throws Exception {
    context.cancellation().throwIfCancelled();
    Thread.sleep(pollInterval.toMillis());
  }

  /** The index does not match the source. */
  static final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    VerificationException(String message) {
      super(message);
    }
  }
}
