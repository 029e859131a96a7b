package io.camarad.upkeep.core;

/**
 * A plugin that could not be used, found during discovery.
 *
 * @param kind {@code DUPLICATE_ID}, {@code BROKEN_SERVICE_ENTRY}, {@code CONSTRUCTOR_FAILED} or
 *     {@code UNREADABLE_JAR}
 * @param name the task id or class name concerned
 * @param source the jar (with its version) or "classpath"
 * @param message what happened and how to fix it
 * @since 0.1
 */
public record PluginProblem(String kind, String name, String source, String message) {

  /** One line for a person. */
  public String describe() {
    return kind + " " + name + " (" + source + "): " + message;
  }
}
