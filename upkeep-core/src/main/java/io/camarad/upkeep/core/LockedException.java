package io.camarad.upkeep.core;

import io.camarad.upkeep.api.spi.LockInfo;

/**
 * Another run holds the lock; this one did nothing and did not wait.
 *
 * @since 0.1
 */
public final class LockedException extends UpkeepException {
  private static final long serialVersionUID = 1L;

  private final transient LockInfo holder;

  LockedException(LockInfo holder) {
    super(
        "another upkeep is applying: "
            + holder.describe()
            + "; wait for it to finish (a crashed holder's lease lapses at "
            + holder.expiresAt()
            + ")");
    this.holder = holder;
  }

  /** Who holds the lock. */
  public LockInfo holder() {
    return holder;
  }
}
