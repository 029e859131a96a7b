package io.camarad.upkeep.core.internal;

/**
 * One plugin instance and where it came from.
 *
 * @param plugin the instance
 * @param source its jar and version
 */
public record Discovered<T>(T plugin, PluginSource source) {}
