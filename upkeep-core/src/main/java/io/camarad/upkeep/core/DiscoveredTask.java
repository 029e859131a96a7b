package io.camarad.upkeep.core;

import java.util.Set;

/**
 * A task the engine knows, as {@code camarad tasks} lists it.
 *
 * @param id the task id
 * @param dependsOn its dependencies (its own and the protocol's)
 * @param source the jar file name, "classpath", or "embedded" for a task handed in by code
 * @param version the jar's {@code Implementation-Version}, or an empty string
 * @param position its place in the run order, from 1; 0 if it is not in the run
 * @param enabled whether the protocol runs it
 * @since 0.1
 */
public record DiscoveredTask(
    String id,
    Set<String> dependsOn,
    String source,
    String version,
    int position,
    boolean enabled) {
  public DiscoveredTask {
    dependsOn = Set.copyOf(dependsOn);
  }
}
