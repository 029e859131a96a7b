package io.camarad.upkeep.core.config;

/**
 * One effective setting, for {@code camarad config}.
 *
 * @param path its dotted path
 * @param value its value as text, secrets shown as {@code ****}
 * @param origin where it came from: a file position, an environment variable, a flag, or {@code
 *     default}
 */
public record SettingEntry(String path, String value, String origin) {}
