package io.camarad.upkeep.api.spi;

import io.camarad.upkeep.api.SettingsSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes run locks of one type ({@code file}, {@code mongodb}), selected in the protocol with {@code
 * lock.type}. Discovered with {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface LockProvider {

  /** The type named in the protocol. */
  String type();

  /** The settings of {@code lock} beyond {@code type} and {@code lease}. */
  default SettingsSpec settingsSpec() {
    return SettingsSpec.empty();
  }

  /**
   * Takes the lock at once or fails at once; never waits for another holder.
   *
   * @param request who asks and for how long
   * @throws LockUnavailableException if another owner holds a lease that has not lapsed
   * @throws Exception if the lock's backend failed
   */
  RunLock acquire(ProviderContext context, LockRequest request) throws Exception;

  /** The current holder, if any, without taking the lock (for commands that only read). */
  Optional<LockInfo> holder(ProviderContext context) throws Exception;

  /**
   * Who asks for the lock.
   *
   * @param owner a unique id of this engine instance
   * @param host this host's name
   * @param pid this process's id
   * @param runId the run about to apply
   * @param lease how long the lease lasts unless renewed
   */
  record LockRequest(String owner, String host, long pid, String runId, Duration lease) {}
}
