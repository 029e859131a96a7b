package io.camarad.upkeep.task.mongo;

/** A seed file or inline document that cannot be used: names the file, the line and the fix. */
final class SeedFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  SeedFormatException(String source, long line, String problem, String fix) {
    super((line > 0 ? source + ":" + line : source) + ": " + problem + "; " + fix);
  }

  /** A problem with no line to name (the file itself); {@code message} includes the fix. */
  SeedFormatException(String message) {
    super(message);
  }
}
