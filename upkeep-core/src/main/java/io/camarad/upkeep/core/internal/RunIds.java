package io.camarad.upkeep.core.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids that sort by start time and do not collide: {@code r-20261201T030000Z-1a2b3c}. */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /** A new id for a run starting at {@code startedAt}. */
  public static String next(Instant startedAt) {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return "r-" + STAMP.format(startedAt) + "-" + HexFormat.of().formatHex(suffix);
  }
}
