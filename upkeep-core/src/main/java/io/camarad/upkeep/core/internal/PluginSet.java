package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins an engine instance can use: discovered ones, handed-in ones, and the built-in file
 * lock and state store.
 *
 * @param tasks tasks by id
 * @param handedIn ids of tasks handed in by code (they run without a protocol entry)
 * @param notifiers notifiers by type
 * @param handedInNotifiers notifiers handed in by code (always notified)
 * @param locks lock providers by type
 * @param states state store providers by type
 * @param resources resource providers (several may serve one type)
 */
public record PluginSet(
    Map<String, Discovered<UpkeepTask>> tasks,
    Set<String> handedIn,
    Map<String, Discovered<Notifier>> notifiers,
    List<Notifier> handedInNotifiers,
    Map<String, LockProvider> locks,
    Map<String, StateStoreProvider> states,
    List<ResourceProvider> resources) {}
