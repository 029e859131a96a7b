package io.camarad.upkeep.core.config;

import java.util.Objects;

/**
 * One thing wrong with the protocol, found before anything runs.
 *
 * @param location where: {@code cblm001.yaml:12:5}, {@code .env:3}, {@code --set tasks.x}, or
 *     {@code default}
 * @param path the dotted path of the offending setting, {@code tasks.mongo.settings.batchSize}
 * @param message what is wrong, the offending value (never a secret) and the fix
 */
public record ConfigProblem(String location, String path, String message) {
  public ConfigProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** One line: {@code cblm001.yaml:12:5: tasks.mongo.timeout: expected a duration ...}. */
  public String format() {
    return path.isEmpty() ? location + ": " + message : location + ": " + path + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
