package io.camarad.upkeep.task.pinecone;

/** The source could not be read to its end; what was read before it is still valid. */
final class SourceReadException extends Exception {
  private static final long serialVersionUID = 1L;

  SourceReadException(String message, Throwable cause) {
    super(message, cause);
  }

  SourceReadException(String message) {
    super(message);
  }
}
