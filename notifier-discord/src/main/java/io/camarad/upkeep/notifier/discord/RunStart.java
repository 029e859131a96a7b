package io.camarad.upkeep.notifier.discord;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What became of a run's start on each webhook: the id of the message to edit at the end, or the
 * reason the webhook cannot be used (so the end does not knock on a door already shut).
 */
final class RunStart {
  private final String runId;
  private final Map<Integer, String> messageIds = new HashMap<>();
  private final Map<Integer, String> unusable = new HashMap<>();

  RunStart(String runId) {
    this.runId = runId;
  }

  /** No run has started: nothing to edit. */
  static RunStart none() {
    return new RunStart(null);
  }

  /** Whether this is the start of the run {@code runId}. */
  boolean isOf(String otherRunId) {
    return runId != null && runId.equals(otherRunId);
  }

  void posted(WebhookRoute route, String messageId) {
    messageIds.put(route.index(), messageId);
  }

  void unusable(WebhookRoute route, String reason) {
    unusable.put(route.index(), reason);
  }

  /** The start message on {@code route}, if it was posted. */
  Optional<String> messageId(WebhookRoute route) {
    return Optional.ofNullable(messageIds.get(route.index()));
  }

  /** Why {@code route} cannot be used, if the start found out. */
  Optional<String> unusableReason(WebhookRoute route) {
    return Optional.ofNullable(unusable.get(route.index()));
  }
}
