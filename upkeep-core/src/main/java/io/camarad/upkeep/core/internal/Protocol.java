package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated protocol: everything a run needs from the file, bound and checked.
 *
 * @param name the protocol's name
 * @param stateDirectory the state directory, absolute
 * @param parallelism how many tasks may run at once
 * @param allOrNothing whether a failure compensates every applied task
 * @param lock the lock provider entry
 * @param lockLease how long a lease lasts unless renewed
 * @param state the state store entry
 * @param resources declared resources by name
 * @param services resilience policies by service name
 * @param metricsTextfile where to write Prometheus metrics, or {@code null}
 * @param metricsPush the Pushgateway to push metrics to, or {@code null}
 * @param notifiers notifier entries, in file order
 * @param tasks task entries by id, for every task that may run
 * @param retention how much run history and audit log the state directory keeps
 * @param sections every bound section, for {@code camarad config}
 */
public record Protocol(
    String name,
    Path stateDirectory,
    int parallelism,
    boolean allOrNothing,
    ProviderEntry lock,
    Duration lockLease,
    ProviderEntry state,
    Map<String, ProviderEntry> resources,
    Map<String, ResiliencePolicy> services,
    Path metricsTextfile,
    MetricsPush metricsPush,
    List<NotifierEntry> notifiers,
    Map<String, TaskEntry> tasks,
    RetentionPolicy retention,
    List<Settings> sections,
    List<UnsetSetting> unsetSettings) {

  /**
   * A setting of a skipped task or notifier that references a variable that is not set: not a
   * problem (the entry does not run), but still shown by {@code camarad config}.
   *
   * @param path its dotted path
   * @param variable the variable to set
   * @param location where it is written
   */
  public record UnsetSetting(String path, String variable, String location) {}

  /**
   * A provider chosen by {@code type}, with its settings.
   *
   * @param type the type named in the protocol
   * @param provider the provider instance ({@code LockProvider}, {@code StateStoreProvider} or
   *     {@code ResourceProvider})
   * @param settings the entry's settings
   */
  public record ProviderEntry(String type, Object provider, Settings settings) {}

  /**
   * One notifier entry.
   *
   * @param path its dotted path, {@code notifiers.1}
   * @param type the notifier type
   * @param skippedBecause why it is skipped ("not configured: set X"), or {@code null}
   * @param settings its settings
   */
  public record NotifierEntry(String path, String type, String skippedBecause, Settings settings) {}

  /**
   * One task entry.
   *
   * @param id the task id
   * @param enabled whether it runs
   * @param dependsOn the dependencies added by the protocol
   * @param timeout the deadline of each call
   * @param retries re-runs of a failed apply (idempotent tasks only)
   * @param skippedBecause why it is skipped ("not configured: set X"), or {@code null}
   * @param settings its settings
   */
  public record TaskEntry(
      String id,
      boolean enabled,
      Set<String> dependsOn,
      Duration timeout,
      int retries,
      String skippedBecause,
      Settings settings) {}
}
