package io.camarad.upkeep.task.jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as people read them in plans and summaries: UTC, to the second. */
final class InstantText {
  private InstantText() {}

  static String of(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
