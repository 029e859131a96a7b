package io.camarad.upkeep.core.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An I/O failure of the engine's own storage (lock, state, history, audit log, metrics) told the
 * way a user can act on it: the path, the cause in words, and the fix.
 */
public final class StorageFailure extends IOException {
  private static final long serialVersionUID = 1L;

  private StorageFailure(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * Wraps {@code failure} of storage under {@code stateDirectory}; a failure already explained is
   * returned as it is.
   *
   * @param file the file or directory being used, when {@code failure} does not name one
   */
  public static StorageFailure of(IOException failure, Path file, Path stateDirectory) {
    if (failure instanceof StorageFailure explained) {
      return explained;
    }
    String path =
        failure instanceof FileSystemException fs && fs.getFile() != null
            ? fs.getFile()
            : String.valueOf(file);
    return new StorageFailure(
        "cannot use "
            + path
            + ": "
            + causeOf(failure)
            + "; make the state directory "
            + stateDirectory
            + " writable or choose another with --state-dir / stateDir",
        failure);
  }

  /**
   * The explanation of the first storage failure in {@code failure}'s causes, if it has one. A file
   * system failure that names no file is not recognised here.
   */
  public static Optional<String> describe(Throwable failure, Path stateDirectory) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StorageFailure s) {
        return Optional.of(s.getMessage());
      }
      if (t instanceof FileSystemException fs && fs.getFile() != null) {
        return Optional.of(of(fs, null, stateDirectory).getMessage());
      }
    }
    return Optional.empty();
  }

  /** The cause in words: permission denied, read-only file system, not a directory... */
  public static String causeOf(IOException failure) {
    String reason =
        failure instanceof FileSystemException fs ? fs.getReason() : failure.getMessage();
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (failure instanceof AccessDeniedException || lower.contains("permission denied")) {
      return "permission denied";
    }
    if (lower.contains("read-only file system")) {
      return "read-only file system";
    }
    if (failure instanceof NotDirectoryException || lower.contains("not a directory")) {
      return "not a directory";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return "not a directory (a file is where a directory belongs)";
    }
    if (lower.contains("no space left")) {
      return "no space left on device";
    }
    if (lower.contains("is a directory")) {
      return "is a directory where a file belongs";
    }
    return reason == null || reason.isBlank() ? failure.getClass().getSimpleName() : reason;
  }
}
