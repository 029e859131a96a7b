package io.camarad.upkeep.task.mongo;

/** A backup that does not read back as written; the change it protects must not go ahead. */
final class BackupVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  BackupVerificationException(String message) {
    super(message);
  }

  BackupVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
