package io.camarad.upkeep.api.spi;

/**
 * A held run lock: a lease that the engine renews while the run lasts and releases at the end.
 *
 * @since 0.1
 */
public interface RunLock extends AutoCloseable {

  /** The lease as held now. */
  LockInfo info();

  /**
   * Extends the lease. Called by the engine at a third of the lease time.
   *
   * @throws Exception if the lease was lost (another owner took it after it lapsed)
   */
  void renew() throws Exception;

  /** Releases the lock if this owner still holds it; never releases another owner's lease. */
  @Override
  void close() throws Exception;
}
