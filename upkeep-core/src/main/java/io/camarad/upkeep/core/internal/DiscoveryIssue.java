package io.camarad.upkeep.core.internal;

/**
 * A plugin that could not be used, reported by name, never dropped silently.
 *
 * @param kind what went wrong
 * @param name the task id or class name concerned
 * @param source the jar (or "classpath") it came from
 * @param message what happened and how to fix it
 */
public record DiscoveryIssue(Kind kind, String name, String source, String message) {

  /** What went wrong. */
  public enum Kind {
    /** Two plugins provide the same task id (or notifier/provider type). */
    DUPLICATE_ID,
    /** A service file names a class that cannot be found or is not an implementation. */
    BROKEN_SERVICE_ENTRY,
    /** The plugin's constructor threw. */
    CONSTRUCTOR_FAILED,
    /** The plugins directory or a jar in it cannot be read. */
    UNREADABLE_JAR
  }
}
