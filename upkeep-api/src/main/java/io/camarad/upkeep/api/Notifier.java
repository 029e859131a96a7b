package io.camarad.upkeep.api;

/**
 * Receives the story of a run: when it starts, and its report when it ends. Discovered with {@link
 * java.util.ServiceLoader} like tasks, and enabled by an entry under {@code notifiers} in the
 * protocol whose {@code type} equals {@link #type()}.
 *
 * <p>Call order per run: {@link #runStarted}, then {@link #runFinished}, never concurrently. {@code
 * runStarted} is called on a thread of its own so that a slow service cannot hold up the tasks
 * (they wait for it at most a couple of seconds); {@code runFinished} is called on the run's thread
 * once {@code runStarted} has returned. One instance serves one protocol entry, so instance fields
 * may carry state from start to finish (a message id to edit in place).
 *
 * <p>A notifier's failure never fails the run: exceptions are logged as warnings with the
 * notifier's type. Implementations should still handle their service's faults themselves (retry
 * through {@link NotifierContext#services()}) and never put a secret in a message.
 *
 * @since 0.1
 */
public interface Notifier {

  /** The type named in the protocol: {@code discord}, {@code console}. */
  String type();

  /** The settings of the notifier's protocol entry. */
  default SettingsSpec settingsSpec() {
    return SettingsSpec.empty();
  }

  /** Checks settings beyond the spec, before anything runs. */
  default void validate(Settings settings) throws SettingsException {}

  /** A run is starting. The default does nothing. */
  default void runStarted(NotifierContext context, RunStarted started) throws Exception {}

  /** A run ended (succeeded, had nothing to do, or failed). */
  void runFinished(NotifierContext context, RunReport report) throws Exception;
}
