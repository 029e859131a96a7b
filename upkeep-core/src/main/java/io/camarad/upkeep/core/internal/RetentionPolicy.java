package io.camarad.upkeep.core.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much history the state directory keeps: the protocol's {@code history} section.
 *
 * @param keep run reports kept in {@code runs/}, the newest; older ones are deleted after each
 *     apply
 * @param auditMaxSize bytes past which {@code audit.log} is rotated to {@code audit.log.1}
 * @param auditFiles rotated audit files kept ({@code audit.log.1} is the newest)
 */
public record RetentionPolicy(int keep, long auditMaxSize, int auditFiles) {
  public static final int DEFAULT_KEEP = 200;
  public static final String DEFAULT_AUDIT_MAX_SIZE = "10MB";
  public static final int DEFAULT_AUDIT_FILES = 5;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]I?B?|B)?");

  public RetentionPolicy {
    if (keep < 1 || auditMaxSize < 1 || auditFiles < 0) {
      throw new IllegalArgumentException(
          "keep and auditMaxSize must be at least 1, auditFiles" + " at least 0");
    }
  }

  /** The defaults: 200 runs, audit.log rotated past 10 MB, 5 old audit files. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(
        DEFAULT_KEEP, bytes(DEFAULT_AUDIT_MAX_SIZE).orElseThrow(), DEFAULT_AUDIT_FILES);
  }

  /**
   * A size in bytes: {@code 10MB}, {@code 512KB}, {@code 1GB} or a plain number of bytes; units are
   * binary (1 KB = 1024 bytes).
   */
  public static Optional<Long> bytes(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).substring(0, 1);
    int shift =
        switch (unit) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          default -> 0;
        };
    return number > (Long.MAX_VALUE >> shift) ? Optional.empty() : Optional.of(number << shift);
  }
}
