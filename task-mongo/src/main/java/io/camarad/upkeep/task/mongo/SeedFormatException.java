package io.camarad.upkeep.task.mongo;

/** A seed file or inline document that cannot be used: names the file, the line and the fix. */
final class SeedFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  SeedFormatException(String source, long line, String problem, String fix) {
    super(source + ":" + line + ": " + problem + "; " + fix);
  }
}
