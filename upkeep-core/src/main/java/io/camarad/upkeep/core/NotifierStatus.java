package io.camarad.upkeep.core;

/**
 * A notifier entry of the protocol and whether it will be told about runs.
 *
 * @param path its place in the protocol, {@code notifiers.1}, or {@code embedded}
 * @param type the notifier type
 * @param active whether it hears about applies
 * @param skippedBecause why it does not ("not configured: set DISCORD_WEBHOOK_URL"), or an empty
 *     string
 * @since 0.1
 */
public record NotifierStatus(String path, String type, boolean active, String skippedBecause) {}
