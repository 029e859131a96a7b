package io.camarad.upkeep.api.spi;

import io.camarad.upkeep.api.Health;
import java.util.Optional;

/**
 * An open shared resource (a database connection), handed to every task that asks for it by name,
 * and closed by the engine when the run ends.
 *
 * @since 0.1
 */
public interface Resource extends AutoCloseable {

  /**
   * The resource seen as {@code type}, for example {@code MongoDatabase} or {@code MongoClient}.
   */
  <T> Optional<T> unwrap(Class<T> type);

  /** Probes the resource. */
  default Health health() {
    return Health.unknown("no health probe");
  }

  @Override
  void close() throws Exception;
}
