package io.camarad.upkeep.api.spi;

import java.time.Instant;

/**
 * Who holds the run lock.
 *
 * @param owner a unique id of the holding engine instance
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param runId the run it is applying
 * @param acquiredAt when it took the lock
 * @param expiresAt when the lease lapses unless renewed
 * @param fencingToken a number that grows with every acquisition
 * @since 0.1
 */
public record LockInfo(
    String owner,
    String host,
    long pid,
    String runId,
    Instant acquiredAt,
    Instant expiresAt,
    long fencingToken) {

  /** "run r-… on host (pid 123), since …, lease until …", for messages. */
  public String describe() {
    return "run "
        + runId
        + " on "
        + host
        + " (pid "
        + pid
        + "), since "
        + acquiredAt
        + ", lease until "
        + expiresAt;
  }
}
