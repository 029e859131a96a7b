package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.ServiceException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries retryable {@link ServiceException}s up to a number of attempts with a short exponential
 * backoff, as the engine's resilience policy does, and counts the retries.
 */
public final class RetryingServices implements ServiceCalls {
  private final int maxAttempts;
  private final long backoffMillis;
  private final AtomicInteger retries = new AtomicInteger();

  public RetryingServices(int maxAttempts, long backoffMillis) {
    this.maxAttempts = maxAttempts;
    this.backoffMillis = backoffMillis;
  }

  public int retries() {
    return retries.get();
  }

  @Override
  public <T> T call(String service, Call<T> call) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.attempt();
      } catch (ServiceException e) {
        if (!e.retryable() || attempt >= maxAttempts) {
          throw e;
        }
        retries.incrementAndGet();
        Thread.sleep(Math.min(backoffMillis << Math.min(attempt - 1, 6), 200));
      }
    }
  }
}
