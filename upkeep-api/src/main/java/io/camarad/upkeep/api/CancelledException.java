package io.camarad.upkeep.api;

/**
 * Thrown by a task that stopped because its {@link Cancellation} was set.
 *
 * @since 0.1
 */
public class CancelledException extends Exception {
  private static final long serialVersionUID = 1L;

  public CancelledException(String reason) {
    super(reason.isEmpty() ? "cancelled" : "cancelled: " + reason);
  }
}
