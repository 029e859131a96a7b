package io.camarad.upkeep.task.pinecone;

import java.util.List;

/**
 * How many attempts the engine makes per service call in a {@link TaskRunner}, and how many retries
 * it made, counted from its "retrying" log lines.
 */
public final class RetryingServices {
  private final int maxAttempts;
  private int retries;

  /** {@code backoffMillis} is kept for the callers; the kit's fast policy backs off 1-5 ms. */
  public RetryingServices(int maxAttempts, long backoffMillis) {
    this.maxAttempts = maxAttempts;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  void count(List<String> logLines) {
    retries += (int) logLines.stream().filter(l -> l.contains("), retrying in ")).count();
  }

  public int retries() {
    return retries;
  }
}
