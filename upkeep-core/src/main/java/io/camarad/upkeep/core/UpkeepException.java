package io.camarad.upkeep.core;

/**
 * The engine could not do what was asked; nothing (or, for a lost backend, nothing more) ran. A
 * task's failure is not an exception: it is the status of the {@link
 * io.camarad.upkeep.api.RunReport}. Each subclass maps to one exit code of the command-line tool:
 * configuration and discovery 2, locked 3, plan drift 4, engine failure 1.
 *
 * @since 0.1
 */
public abstract sealed class UpkeepException extends Exception
    permits ConfigurationFailedException,
        DiscoveryFailedException,
        LockedException,
        PlanDriftException,
        EngineFailureException {
  private static final long serialVersionUID = 1L;

  UpkeepException(String message) {
    super(message);
  }

  UpkeepException(String message, Throwable cause) {
    super(message, cause);
  }
}
