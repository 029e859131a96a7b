package io.camarad.upkeep.cli;

/**
 * The exit codes of {@code camarad}, documented in {@code docs/cli.md} and the README.
 *
 * @since 0.1
 */
public enum ExitCode {
  /** The run succeeded, or there was nothing to do. */
  OK(0),
  /** A task failed (or, for {@code doctor}, a check failed). */
  TASK_FAILED(1),
  /** Bad usage, or a protocol or plugin problem found before anything ran. */
  USAGE(2),
  /** Another run holds the lock. */
  LOCKED(3),
  /** A saved plan no longer matches what it saw. */
  DRIFT(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
