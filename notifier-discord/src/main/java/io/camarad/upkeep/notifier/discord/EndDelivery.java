package io.camarad.upkeep.notifier.discord;

import java.util.Optional;
import org.slf4j.Logger;

/**
 * Delivers the end of a run to one webhook: edits the start message in place, or posts anew when
 * there is none, when the edit fails, or when the message must ping (Discord does not notify
 * mentions added by an edit; the start message is then deleted, so the run still has one message).
 * A webhook that is gone or whose token is wrong is not tried a second way.
 */
final class EndDelivery {
  private final DiscordClient client;
  private final Logger logger;
  private final WebhookRoute route;

  EndDelivery(DiscordClient client, Logger logger, WebhookRoute route) {
    this.client = client;
    this.logger = logger;
    this.route = route;
  }

  /**
   * Delivers {@code message}, replacing {@code startMessage} if there is one.
   *
   * @throws Exception the failure of the last way tried
   */
  void deliver(WebhookMessage message, Optional<String> startMessage) throws Exception {
    if (startMessage.isEmpty()) {
      client.post(route, message);
    } else if (message.pings()) {
      postAnew(message, startMessage.get());
    } else {
      editInPlace(message, startMessage.get());
    }
  }

  private void editInPlace(WebhookMessage message, String startMessage) throws Exception {
    try {
      client.edit(route, startMessage, message);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      if (DiscordRefusal.webhookUnusable(failure)) {
        throw failure;
      }
      warn(logger, route, "could not edit the start message, posting a new one", failure);
      client.post(route, message);
    }
  }

  private void postAnew(WebhookMessage message, String startMessage) throws Exception {
    try {
      client.post(route, message);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      if (DiscordRefusal.webhookUnusable(failure)) {
        throw failure;
      }
      warn(logger, route, "could not post the message that pings, editing instead", failure);
      client.edit(route, startMessage, message);
      return;
    }
    deleteStart(startMessage);
  }

  private void deleteStart(String startMessage) throws InterruptedException {
    try {
      client.delete(route, startMessage);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      warn(logger, route, "could not delete the start message", failure);
    }
  }

  /**
   * Logs a warning about {@code route}, named by its label; returns the failure's message with the
   * webhook's token masked (it never holds it, but a message from elsewhere might).
   */
  static String warn(Logger logger, WebhookRoute route, String what, Exception failure) {
    String reason = Redactor.forWebhook(route.url()).apply(String.valueOf(failure.getMessage()));
    logger.warn("Discord {}: {}: {}", route.label(), what, reason);
    return reason;
  }
}
