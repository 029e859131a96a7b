package io.camarad.upkeep.task.mongo;

import java.io.IOException;

/** Baseline documents read one at a time, so that a large seed file is never held at once. */
interface SeedStream extends AutoCloseable {

  /** The next document, or {@code null} at the end. */
  SeedDocument next() throws SeedFormatException, IOException;

  @Override
  void close() throws IOException;
}
