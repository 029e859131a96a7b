package io.camarad.upkeep.core;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.LockInfo;
import io.camarad.upkeep.api.spi.LockProvider;
import io.camarad.upkeep.api.spi.LockUnavailableException;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.api.spi.StateStoreProvider;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.ConfigurationException;
import io.camarad.upkeep.core.internal.JsonCodec;
import io.camarad.upkeep.core.internal.PlanDriftDetected;
import io.camarad.upkeep.core.internal.RunEngine;
import io.camarad.upkeep.core.internal.SanitizedException;
import io.camarad.upkeep.core.internal.SavedPlan;
import io.camarad.upkeep.core.internal.StorageFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The engine, for embedding and for the command-line tool: discover plugins, validate a protocol,
 * then plan or apply.
 *
 * <pre>{@code
 * try (Upkeep upkeep = Upkeep.builder()
 *     .protocol(Path.of("cblm001.yaml"))
 *     .discovery(false)
 *     .task(new MyTask())
 *     .build()) {
 *   RunReport plan = upkeep.plan();      // writes nothing
 *   RunReport run = upkeep.apply();      // under the lock
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} discovers and validates everything and runs nothing. One instance runs
 * one plan or apply at a time (calls are serialised); circuit breakers are shared by its runs.
 * Close it to release the plugins' class loader.
 *
 * @since 0.1
 */
public final class Upkeep implements AutoCloseable {
  private final EngineSetup setup;
  private final RunEngine engine;

  Upkeep(EngineSetup setup) {
    this.setup = setup;
    this.engine = setup.engine();
  }

  /** A builder with discovery on, the process environment and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Plans every task of the protocol. Writes nothing at all: no lock, no history, no state, no
   * directories. Opens nothing either while another run applies on the same state directory (its
   * process may hold resources, such as an embedded database's file, that only one process can
   * open).
   *
   * @return the report: PLANNED, NOTHING_TO_DO, or FAILED if a task could not plan
   * @throws LockedException if another run holds a live lease, naming it
   */
  public synchronized RunReport plan() throws UpkeepException {
    return planRun().report();
  }

  /**
   * Plans, and saves the plan to {@code saveTo} (JSON) for {@link #applySaved(Path)}. The saved
   * file is the only thing written.
   *
   * @throws LockedException if another run holds a live lease, naming it
   */
  public synchronized RunReport plan(Path saveTo) throws UpkeepException {
    RunEngine.PlanRun run = planRun();
    try {
      Files.writeString(saveTo, JsonCodec.pretty(run.plan()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineFailureException(
          "cannot save the plan to "
              + saveTo
              + ": "
              + StorageFailure.causeOf(e)
              + "; choose a writable place for it",
          e);
    }
    return run.report();
  }

  private RunEngine.PlanRun planRun() throws UpkeepException {
    try {
      return engine.plan();
    } catch (LockUnavailableException e) {
      throw new LockedException(e.holder());
    } catch (Exception e) {
      throw failure("plan", e);
    }
  }

  /**
   * Takes the lock and applies every due task, in order.
   *
   * @return the report; a task's failure is its status, not an exception
   * @throws LockedException if another run holds the lock
   */
  public synchronized RunReport apply() throws UpkeepException {
    return applyChecked(null);
  }

  /**
   * Applies a plan saved by {@link #plan(Path)}, if a fresh plan still sees the same thing.
   *
   * @throws EngineFailureException if {@code savedPlan} is missing or is not a saved plan (the
   *     message says which, and how to make one)
   * @throws PlanDriftException listing what differs; nothing was applied
   */
  public synchronized RunReport applySaved(Path savedPlan) throws UpkeepException {
    SavedPlan saved;
    try {
      saved = SavedPlan.read(savedPlan);
    } catch (SavedPlan.Unreadable e) {
      throw new EngineFailureException(e.getMessage(), e);
    }
    return applyChecked(saved);
  }

  private RunReport applyChecked(SavedPlan saved) throws UpkeepException {
    try {
      return engine.apply(saved);
    } catch (LockUnavailableException e) {
      throw new LockedException(e.holder());
    } catch (PlanDriftDetected e) {
      throw new PlanDriftException(e.drifts());
    } catch (Exception e) {
      throw failure("apply", e);
    }
  }

  private EngineFailureException failure(String what, Exception e) {
    String message =
        StorageFailure.describe(e, engine.stateDirectory())
            .map(storage -> what + " failed: " + storage)
            .orElseGet(() -> what + " failed in the engine: " + String.valueOf(e.getMessage()));
    return new EngineFailureException(
        setup.masking().apply(message), SanitizedException.of(e, setup.masking()));
  }

  /** Every task the engine knows, with its source and place in the run order. */
  public List<DiscoveredTask> tasks() {
    return setup.tasks();
  }

  /** Plugins that could not be used, by name and jar. */
  public List<PluginProblem> discoveryProblems() {
    return setup.problems();
  }

  /** The notifier entries, and for each skipped one what to set. */
  public List<NotifierStatus> notifiers() {
    return setup.notifiers();
  }

  /** The effective settings, secrets masked, each with where it came from. */
  public List<ConfigEntry> config() {
    return setup.config();
  }

  /**
   * The reports of the latest applies, newest first.
   *
   * @throws EngineFailureException if the history cannot be read
   */
  public synchronized List<RunReport> history(int limit) throws UpkeepException {
    try {
      List<RunReport> reports = new ArrayList<>();
      for (String json : engine.history(limit)) {
        reports.add(JsonCodec.read(json, RunReport.class));
      }
      return reports;
    } catch (Exception e) {
      throw failure("reading the history", e);
    }
  }

  /** Who holds the run lock now, read without taking it. */
  public Optional<LockInfo> lockHolder() throws UpkeepException {
    try {
      return engine.lockHolder();
    } catch (Exception e) {
      throw failure("reading the lock", e);
    }
  }

  /**
   * Health probes of every enabled task (by id) and resource ({@code resource:<name>}).
   *
   * @throws LockedException if another run holds a live lease: nothing is probed then
   */
  public synchronized Map<String, Health> health() throws UpkeepException {
    try {
      return engine.health();
    } catch (LockUnavailableException e) {
      throw new LockedException(e.holder());
    } catch (Exception e) {
      throw failure("probing health", e);
    }
  }

  /** The engine's version, from the build. */
  public static String version() {
    try (InputStream in = Upkeep.class.getResourceAsStream("upkeep-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String fromManifest = Upkeep.class.getPackage().getImplementationVersion();
    return fromManifest == null ? "unknown" : fromManifest;
  }

  /** Releases the plugins' class loader. */
  @Override
  public void close() {
    setup.close();
  }

  /** Builds an {@link Upkeep}. Not thread-safe. */
  public static final class Builder {
    Path protocolFile;
    String protocolName;
    Map<String, Object> protocolValues;
    Map<String, String> environment = System.getenv();
    final Map<String, String> overrides = new LinkedHashMap<>();
    boolean discovery = true;
    Path pluginsDirectory;
    ClassLoader classLoader = Upkeep.class.getClassLoader();
    final List<UpkeepTask> tasks = new ArrayList<>();
    final List<Notifier> notifiers = new ArrayList<>();
    final List<ResourceProvider> resourceProviders = new ArrayList<>();
    final List<LockProvider> lockProviders = new ArrayList<>();
    final List<StateStoreProvider> stateStoreProviders = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    final List<RunListener> listeners = new ArrayList<>();
    Path stateDirectory;

    private Builder() {}

    /** The protocol file (YAML); a {@code .env} beside it is read. */
    public Builder protocol(Path file) {
      this.protocolFile = Objects.requireNonNull(file, "file");
      this.protocolValues = null;
      return this;
    }

    /** A protocol given as plain values (maps, lists, strings, numbers), as the YAML would. */
    public Builder protocol(String name, Map<String, Object> values) {
      this.protocolName = Objects.requireNonNull(name, "name");
      this.protocolValues = Map.copyOf(values);
      this.protocolFile = null;
      return this;
    }

    /** The environment for {@code ${VAR}} references; default {@code System.getenv()}. */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    /** Sets a value by dotted path, above everything else: {@code tasks.mongo.timeout}. */
    public Builder set(String dottedPath, String value) {
      overrides.put(dottedPath, value);
      return this;
    }

    /** Whether to discover plugins with ServiceLoader (default on). */
    public Builder discovery(boolean on) {
      this.discovery = on;
      return this;
    }

    /** A directory of plugin jars, searched in addition to the class path. */
    public Builder pluginsDirectory(Path dir) {
      this.pluginsDirectory = dir;
      return this;
    }

    /** The class loader to discover plugins on; default the engine's. */
    public Builder classLoader(ClassLoader cl) {
      this.classLoader = Objects.requireNonNull(cl, "classLoader");
      return this;
    }

    /** A task handed in directly; it runs even without a protocol entry. */
    public Builder task(UpkeepTask t) {
      tasks.add(Objects.requireNonNull(t, "task"));
      return this;
    }

    /** A notifier handed in directly; it hears about every apply. */
    public Builder notifier(Notifier n) {
      notifiers.add(Objects.requireNonNull(n, "notifier"));
      return this;
    }

    public Builder resourceProvider(ResourceProvider p) {
      resourceProviders.add(Objects.requireNonNull(p, "provider"));
      return this;
    }

    public Builder lockProvider(LockProvider p) {
      lockProviders.add(Objects.requireNonNull(p, "provider"));
      return this;
    }

    public Builder stateStoreProvider(StateStoreProvider p) {
      stateStoreProviders.add(Objects.requireNonNull(p, "provider"));
      return this;
    }

    /** The clock of runs (tests use a fixed or mutable one). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Hears about every run of the engine. */
    public Builder listener(RunListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /** The state directory, overriding the protocol's {@code stateDir}. */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * Discovers plugins and validates the protocol; runs nothing.
     *
     * @throws ConfigurationFailedException with every problem of the protocol
     * @throws DiscoveryFailedException if a task the protocol needs comes from a broken plugin
     */
    public Upkeep build() throws UpkeepException {
      return new Upkeep(EngineSetup.create(this));
    }

    ConfigSource source() throws ConfigurationException {
      Map<String, String> allOverrides = new LinkedHashMap<>(overrides);
      if (stateDirectory != null) {
        allOverrides.put("stateDir", stateDirectory.toAbsolutePath().toString());
      }
      if (protocolFile != null) {
        return ConfigSource.load(protocolFile, environment, allOverrides);
      }
      Map<String, Object> values =
          ProtocolOverrides.apply(protocolValues == null ? Map.of() : protocolValues, allOverrides);
      String name = protocolName == null ? "embedded protocol" : protocolName;
      return ConfigSource.fromMap(name, Path.of("").toAbsolutePath(), values, environment);
    }
  }
}
