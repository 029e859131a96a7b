package io.camarad.upkeep.api.spi;

/**
 * Another run holds the lock.
 *
 * @since 0.1
 */
public class LockUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient LockInfo holder;

  public LockUnavailableException(LockInfo holder) {
    super("another upkeep holds the lock: " + holder.describe());
    this.holder = holder;
  }

  /** The current holder. */
  public LockInfo holder() {
    return holder;
  }
}
