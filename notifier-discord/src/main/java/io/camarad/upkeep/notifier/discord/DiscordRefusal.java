package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.ServiceException;

/**
 * Discord refused a request for good: retrying will not help. Carries Discord's error code, so the
 * notifier can tell a refused message from a webhook that can no longer be used at all.
 */
final class DiscordRefusal extends ServiceException {
  private static final long serialVersionUID = 1L;

  private final int code;

  DiscordRefusal(String message, int status, int code) {
    super(DiscordClient.SERVICE, message, false, null, status, null);
    this.code = code;
  }

  /** Discord's error code, or 0. */
  int code() {
    return code;
  }

  /** Whether the webhook is gone or its token is wrong: no request to it can succeed. */
  boolean webhookUnusable() {
    return code == DiscordError.UNKNOWN_WEBHOOK || code == DiscordError.INVALID_TOKEN;
  }

  /** Whether {@code failure} says the webhook cannot be used any more. */
  static boolean webhookUnusable(Exception failure) {
    return failure instanceof DiscordRefusal refusal && refusal.webhookUnusable();
  }
}
