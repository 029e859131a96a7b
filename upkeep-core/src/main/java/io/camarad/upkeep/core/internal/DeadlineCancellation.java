package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Cancellation;
import java.util.concurrent.atomic.AtomicReference;

/** A cancellation signal that is set once, with the first reason given. */
public final class DeadlineCancellation implements Cancellation {
  private final AtomicReference<String> reason = new AtomicReference<>();

  /** Sets the signal; later reasons are ignored. */
  public void cancel(String why) {
    reason.compareAndSet(null, why);
  }

  @Override
  public boolean isCancelled() {
    return reason.get() != null;
  }

  @Override
  public String reason() {
    String why = reason.get();
    return why == null ? "" : why;
  }
}
