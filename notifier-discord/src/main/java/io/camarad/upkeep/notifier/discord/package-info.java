/**
 * The Discord notifier: {@link io.camarad.upkeep.notifier.discord.DiscordNotifier}, type {@code
 * discord}. Everything else in the package is internal: the settings reader, the pure message
 * composer that keeps Discord's limits, and the HTTP client that maps Discord's answers to
 * retryable or permanent service failures without ever printing a webhook URL.
 *
 * @since 0.1
 */
package io.camarad.upkeep.notifier.discord;
