package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.RunStatus;

/**
 * One configured webhook: where to post, which runs, and who to ping.
 *
 * @param index its position under {@code webhooks}, from 0
 * @param name the name given in the protocol, or {@code null}
 * @param url the webhook's address (holds the token)
 * @param when which runs it hears about
 * @param mention who it pings, and when
 */
record WebhookRoute(
    int index, String name, WebhookUrl url, RunCondition when, MentionRule mention) {

  /** How logs and messages name this webhook: its name, or its index; never its URL. */
  String label() {
    return name == null ? "webhook #" + index : "webhook '" + name + "'";
  }

  /** Whether a run that ended in {@code status} is posted here. */
  boolean wants(RunStatus status) {
    return when.matches(status);
  }

  /**
   * Whether the start of a run is posted here: only where its end is sure to be posted too, so that
   * a filtered channel never holds a "running" message that is never completed.
   */
  boolean wantsStart() {
    return when == RunCondition.ALWAYS;
  }

  @Override
  public String toString() {
    return label();
  }
}
