package io.camarad.upkeep.notifier.discord;

import java.util.List;

/**
 * Some webhooks did not get the end of a run. Thrown by {@link DiscordNotifier#runFinished} after
 * every webhook was tried, so that the engine counts the notifier's failure; each webhook is named
 * by its {@code name} or index, never by its URL.
 *
 * @since 0.1
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  DeliveryException(List<String> failures, int webhooks) {
    super(
        failures.size()
            + " of "
            + webhooks
            + " Discord webhooks did not get the run: "
            + String.join("; ", failures));
  }
}
