package io.camarad.upkeep.core;

/**
 * The engine's own backend failed (the state store, the lock backend, a saved plan that cannot be
 * read); the message says what and where, with secrets masked.
 *
 * @since 0.1
 */
public final class EngineFailureException extends UpkeepException {
  private static final long serialVersionUID = 1L;

  EngineFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
