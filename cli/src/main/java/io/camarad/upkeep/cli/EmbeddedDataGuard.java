package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.core.Upkeep;
import io.camarad.upkeep.core.UpkeepException;

/**
 * The embedded MongoDB keeps its data in one file that only one process can open. An apply
 * holds it for the whole run, so a command that would open it (a plan, a health probe) checks
 * the run lock first and, while an apply holds it, exits with the "locked" code naming the
 * holder instead of failing on the file.
 */
final class EmbeddedDataGuard {
  private EmbeddedDataGuard() {}

  /**
   * Refuses to go on while another run holds the lock, if the protocol uses the embedded
   * MongoDB.
   *
   * @throws HeldException naming the holder
   */
  static void check(Upkeep upkeep) throws UpkeepException {
    if (!usesEmbeddedData(upkeep)) {
      return;
    }
    var holder = upkeep.lockHolder();
    if (holder.isPresent()) {
      throw new HeldException(holder.get());
    }
  }

  private static boolean usesEmbeddedData(Upkeep upkeep) {
    return upkeep.config().stream()
        .anyMatch(entry -> entry.path().matches("resources\\.[^.]+\\.uri")
            && EmbeddedMongoProvider.EMBEDDED.equals(entry.value()));
  }

  /** Another run holds the lock and, with it, the embedded data file. */
  static final class HeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeldException(LockInfo holder) {
      super("another upkeep is applying: " + holder.describe() + "; the embedded MongoDB's"
          + " data file is in use until it ends. Try again then.");
    }
  }
}
