package io.camarad.upkeep.cli;

/** The embedded MongoDB could not start; the message says why and what to check. */
final class EmbeddedMongoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EmbeddedMongoException(String message, Throwable cause) {
    super(message, cause);
  }
}
