package io.camarad.upkeep.core;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.TaskReport;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.ConfigurationException;
import io.camarad.upkeep.core.config.SettingEntry;
import io.camarad.upkeep.core.config.SettingsBinder;
import io.camarad.upkeep.core.internal.Discovered;
import io.camarad.upkeep.core.internal.DiscoveryIssue;
import io.camarad.upkeep.core.internal.EngineRuntime;
import io.camarad.upkeep.core.internal.FileLockProvider;
import io.camarad.upkeep.core.internal.FileStateStoreProvider;
import io.camarad.upkeep.core.internal.PluginDiscovery;
import io.camarad.upkeep.core.internal.PluginSet;
import io.camarad.upkeep.core.internal.PluginSource;
import io.camarad.upkeep.core.internal.Protocol;
import io.camarad.upkeep.core.internal.ProtocolBinder;
import io.camarad.upkeep.core.internal.ResiliencePolicy;
import io.camarad.upkeep.core.internal.RunEngine;
import io.camarad.upkeep.core.internal.RunObserver;
import io.camarad.upkeep.core.internal.SecretMasking;
import io.camarad.upkeep.core.internal.ServiceGuards;
import io.camarad.upkeep.core.internal.TaskGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@link Upkeep.Builder#build()} prepares: discovered plugins, the validated protocol,
 * the task graph and the engine. Nothing here runs a task.
 */
final class EngineSetup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Upkeep.class);

  /** Sections bound as a whole map first and then key by key: shown key by key only. */
  private static final Pattern MAP_VALUED =
      Pattern.compile(
          "(tasks|resources|services)|tasks\\.[^.]+\\.settings|notifiers\\.\\d+\\.settings");

  private final PluginDiscovery discovery;
  private final RunEngine engine;
  private final SecretMasking masking;
  private final List<DiscoveredTask> tasks;
  private final List<PluginProblem> problems;
  private final List<ConfigEntry> config;
  private final List<NotifierStatus> notifiers;

  private EngineSetup(
      PluginDiscovery discovery,
      RunEngine engine,
      SecretMasking masking,
      List<DiscoveredTask> tasks,
      List<PluginProblem> problems,
      List<ConfigEntry> config,
      List<NotifierStatus> notifiers) {
    this.discovery = discovery;
    this.engine = engine;
    this.masking = masking;
    this.tasks = tasks;
    this.problems = problems;
    this.config = config;
    this.notifiers = notifiers;
  }

  static EngineSetup create(Upkeep.Builder b) throws UpkeepException {
    PluginDiscovery discovery =
        b.discovery ? PluginDiscovery.on(b.classLoader, b.pluginsDirectory) : null;
    try {
      return assemble(b, discovery);
    } catch (UpkeepException | RuntimeException e) {
      closeQuietly(discovery);
      throw e;
    }
  }

  private static EngineSetup assemble(Upkeep.Builder b, PluginDiscovery discovery)
      throws UpkeepException {
    PluginSet plugins = plugins(b, discovery);
    List<PluginProblem> problems =
        discovery == null
            ? List.of()
            : discovery.issues().stream().map(EngineSetup::problemOf).toList();
    ConfigSource source = source(b);
    SecretMasking masking = SecretMasking.of(source.masker());
    Protocol protocol = protocol(source, plugins, problems);
    checkStateDirectory(protocol.stateDirectory(), source);
    checkDuplicatesOfUsedTasks(protocol, problems);
    TaskGraph graph = graph(protocol, plugins, source);
    EngineRuntime runtime =
        new EngineRuntime(
            b.clock,
            source.environment(),
            masking,
            guards(protocol),
            observer(b.listeners, masking),
            UUID.randomUUID().toString(),
            Upkeep.version());
    RunEngine engine = new RunEngine(protocol, plugins, graph, runtime);
    return new EngineSetup(
        discovery,
        engine,
        masking,
        tasks(protocol, plugins, graph),
        problems,
        config(protocol, masking),
        notifiers(protocol, plugins));
  }

  private static PluginSet plugins(Upkeep.Builder b, PluginDiscovery discovery) {
    Map<String, Discovered<UpkeepTask>> tasks = new TreeMap<>();
    Map<String, Discovered<Notifier>> notifiers = new TreeMap<>();
    Map<String, LockProvider> locks = new TreeMap<>();
    Map<String, StateStoreProvider> states = new TreeMap<>();
    List<ResourceProvider> resources = new ArrayList<>();
    locks.put("file", new FileLockProvider());
    states.put("file", new FileStateStoreProvider());
    if (discovery != null) {
      discovery
          .load(UpkeepTask.class, UpkeepTask::id, "task")
          .forEach(d -> tasks.put(d.plugin().id(), d));
      discovery
          .load(Notifier.class, Notifier::type, "notifier")
          .forEach(d -> notifiers.put(d.plugin().type(), d));
      discovery
          .load(LockProvider.class, LockProvider::type, "lock provider")
          .forEach(d -> locks.putIfAbsent(d.plugin().type(), d.plugin()));
      discovery
          .load(StateStoreProvider.class, StateStoreProvider::type, "state store provider")
          .forEach(d -> states.putIfAbsent(d.plugin().type(), d.plugin()));
      discovery
          .load(ResourceProvider.class, null, "resource provider")
          .forEach(d -> resources.add(d.plugin()));
    }
    Set<String> handedIn = new LinkedHashSet<>();
    for (UpkeepTask task : b.tasks) {
      if (tasks.containsKey(task.id()) && !handedIn.contains(task.id())) {
        LOG.info(
            "Task {} handed in by code replaces the one discovered in {}",
            task.id(),
            tasks.get(task.id()).source().describe());
      }
      tasks.put(task.id(), new Discovered<>(task, PluginSource.embedded()));
      handedIn.add(task.id());
    }
    b.lockProviders.forEach(p -> locks.put(p.type(), p));
    b.stateStoreProviders.forEach(p -> states.put(p.type(), p));
    resources.addAll(b.resourceProviders);
    return new PluginSet(
        tasks, handedIn, notifiers, List.copyOf(b.notifiers), locks, states, resources);
  }

  private static PluginProblem problemOf(DiscoveryIssue issue) {
    return new PluginProblem(issue.kind().name(), issue.name(), issue.source(), issue.message());
  }

  private static ConfigSource source(Upkeep.Builder b) throws ConfigurationFailedException {
    try {
      return b.source();
    } catch (ConfigurationException e) {
      throw new ConfigurationFailedException(e.problems(), e.getMessage());
    }
  }

  private static Protocol protocol(
      ConfigSource source, PluginSet plugins, List<PluginProblem> pluginProblems)
      throws UpkeepException {
    try {
      return ProtocolBinder.bind(source, plugins);
    } catch (ConfigurationException e) {
      boolean missingTask =
          e.problems().stream().anyMatch(p -> p.message().startsWith("no plugin provides task"));
      boolean broken = pluginProblems.stream().anyMatch(p -> !p.kind().equals("DUPLICATE_ID"));
      if (missingTask && broken) {
        throw new DiscoveryFailedException(pluginProblems);
      }
      throw new ConfigurationFailedException(
          e.problems(), "the protocol " + source.fileName() + " has " + e.getMessage());
    }
  }

  /**
   * A state directory that is a file, or lies under one, can never be used: a configuration
   * problem, found before anything runs (a missing directory is fine: apply creates it).
   */
  private static void checkStateDirectory(Path stateDirectory, ConfigSource source)
      throws ConfigurationFailedException {
    for (Path p = stateDirectory.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        String what =
            p.equals(stateDirectory.toAbsolutePath())
                ? "is a file"
                : "lies under " + p + ", which is a file";
        ConfigProblem problem =
            new ConfigProblem(
                source.locationOf("stateDir"),
                "stateDir",
                "the state directory "
                    + stateDirectory
                    + " "
                    + what
                    + ", not a directory; choose"
                    + " another with --state-dir / stateDir (the builder's stateDirectory)");
        throw new ConfigurationFailedException(
            List.of(problem),
            "the protocol "
                + source.fileName()
                + " has "
                + new ConfigurationException(List.of(problem)).getMessage());
      }
    }
  }

  private static void checkDuplicatesOfUsedTasks(Protocol protocol, List<PluginProblem> problems)
      throws DiscoveryFailedException {
    List<PluginProblem> used =
        problems.stream()
            .filter(p -> p.kind().equals("DUPLICATE_ID") && protocol.tasks().containsKey(p.name()))
            .toList();
    if (!used.isEmpty()) {
      throw new DiscoveryFailedException(used);
    }
  }

  private static TaskGraph graph(Protocol protocol, PluginSet plugins, ConfigSource source)
      throws ConfigurationFailedException {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    protocol.tasks().forEach((id, entry) -> deps.put(id, dependencies(id, entry, plugins)));
    TaskGraph.Result result = TaskGraph.of(deps, plugins.tasks().keySet());
    if (result.problems().isEmpty()) {
      return result.graph();
    }
    List<ConfigProblem> problems =
        result.problems().stream()
            .map(
                p ->
                    new ConfigProblem(
                        source.locationOf("tasks." + p.taskId() + ".dependsOn"),
                        "tasks." + p.taskId() + ".dependsOn",
                        p.message()))
            .toList();
    throw new ConfigurationFailedException(
        problems,
        "the task order cannot be made:\n  "
            + String.join("\n  ", problems.stream().map(ConfigProblem::format).toList()));
  }

  private static Set<String> dependencies(String id, Protocol.TaskEntry entry, PluginSet plugins) {
    Set<String> deps = new LinkedHashSet<>(plugins.tasks().get(id).plugin().dependsOn());
    deps.addAll(entry.dependsOn());
    return deps;
  }

  private static ServiceGuards guards(Protocol protocol) {
    Map<String, ResiliencePolicy> policies = protocol.services();
    return new ServiceGuards(name -> policies.getOrDefault(name, ResiliencePolicy.defaults()));
  }

  private static List<DiscoveredTask> tasks(Protocol protocol, PluginSet plugins, TaskGraph graph) {
    List<DiscoveredTask> tasks = new ArrayList<>();
    plugins
        .tasks()
        .forEach(
            (id, d) -> {
              Protocol.TaskEntry entry = protocol.tasks().get(id);
              Set<String> deps =
                  entry == null ? d.plugin().dependsOn() : dependencies(id, entry, plugins);
              int position = graph.order().indexOf(id) + 1;
              tasks.add(
                  new DiscoveredTask(
                      id,
                      deps,
                      d.source().location(),
                      d.source().version(),
                      position,
                      entry != null && entry.enabled()));
            });
    tasks.sort(
        Comparator.comparingInt(
                (DiscoveredTask t) -> t.position() == 0 ? Integer.MAX_VALUE : t.position())
            .thenComparing(DiscoveredTask::id));
    return List.copyOf(tasks);
  }

  private static List<ConfigEntry> config(Protocol protocol, SecretMasking masking) {
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    for (var section : protocol.sections()) {
      for (SettingEntry e : SettingsBinder.entries(section)) {
        if (!MAP_VALUED.matcher(e.path()).matches()) {
          entries.put(e.path(), new ConfigEntry(e.path(), masking.apply(e.value()), e.origin()));
        }
      }
    }
    for (Protocol.UnsetSetting unset : protocol.unsetSettings()) {
      // Replaces the empty value that the unset reference left (a masked secret shows "****").
      entries.put(
          unset.path(),
          new ConfigEntry(unset.path(), "(not set: " + unset.variable() + ")", unset.location()));
    }
    return List.copyOf(entries.values());
  }

  private static List<NotifierStatus> notifiers(Protocol protocol, PluginSet plugins) {
    List<NotifierStatus> statuses = new ArrayList<>();
    for (Protocol.NotifierEntry e : protocol.notifiers()) {
      boolean active = e.skippedBecause() == null;
      statuses.add(
          new NotifierStatus(e.path(), e.type(), active, active ? "" : e.skippedBecause()));
    }
    for (Notifier n : plugins.handedInNotifiers()) {
      if (protocol.notifiers().stream().noneMatch(e -> e.type().equals(n.type()))) {
        statuses.add(new NotifierStatus("embedded", n.type(), true, ""));
      }
    }
    return List.copyOf(statuses);
  }

  private static RunObserver observer(List<RunListener> listeners, SecretMasking masking) {
    return new ListenerFanOut(List.copyOf(listeners), masking);
  }

  RunEngine engine() {
    return engine;
  }

  SecretMasking masking() {
    return masking;
  }

  List<DiscoveredTask> tasks() {
    return tasks;
  }

  List<PluginProblem> problems() {
    return problems;
  }

  List<ConfigEntry> config() {
    return config;
  }

  List<NotifierStatus> notifiers() {
    return notifiers;
  }

  @Override
  public void close() {
    closeQuietly(discovery);
  }

  private static void closeQuietly(PluginDiscovery discovery) {
    if (discovery == null) {
      return;
    }
    try {
      discovery.close();
    } catch (IOException e) {
      LOG.warn("The plugins class loader failed to close: {}", e.toString());
    }
  }

  /** Hands run events to every listener; a listener that throws is logged and ignored. */
  private record ListenerFanOut(List<RunListener> listeners, SecretMasking masking)
      implements RunObserver {
    private interface Event {
      void tell(RunListener l);
    }

    private void each(Event event) {
      for (RunListener l : listeners) {
        try {
          event.tell(l);
        } catch (RuntimeException e) {
          LOG.warn("A run listener failed: {}", masking.apply(e.toString()));
        }
      }
    }

    @Override
    public void runStarted(RunStarted started) {
      each(l -> l.runStarted(started));
    }

    @Override
    public void taskStarted(String taskId, RunMode mode) {
      each(l -> l.taskStarted(taskId, mode));
    }

    @Override
    public void line(String taskId, String line) {
      each(l -> l.taskProgress(taskId, masking.apply(line)));
    }

    @Override
    public void taskFinished(TaskReport report) {
      each(l -> l.taskFinished(report));
    }

    @Override
    public void runFinished(RunReport report) {
      each(l -> l.runFinished(report));
    }
  }
}
