package io.camarad.upkeep.core;

/**
 * One effective setting, as {@code camarad config} shows it.
 *
 * @param path its dotted path, {@code tasks.mongo.timeout}
 * @param value its value as text; secrets are {@code ****}
 * @param origin where it came from: {@code cblm001.yaml:12:5}, an environment variable, a flag, or
 *     {@code default}
 * @since 0.1
 */
public record ConfigEntry(String path, String value, String origin) {}
