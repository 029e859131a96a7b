package io.camarad.upkeep.testkit;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.Resource;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.SettingsBinder;
import io.camarad.upkeep.core.internal.DeadlineCancellation;
import io.camarad.upkeep.core.internal.DeadlineTimer;
import io.camarad.upkeep.core.internal.EngineTaskContext;
import io.camarad.upkeep.core.internal.FileStateStore;
import io.camarad.upkeep.core.internal.PlanResult;
import io.camarad.upkeep.core.internal.ProgressSink;
import io.camarad.upkeep.core.internal.ResiliencePolicy;
import io.camarad.upkeep.core.internal.ResourceRegistry;
import io.camarad.upkeep.core.internal.RunIds;
import io.camarad.upkeep.core.internal.RunScope;
import io.camarad.upkeep.core.internal.SecretMasking;
import io.camarad.upkeep.core.internal.ServiceGuards;
import io.camarad.upkeep.core.internal.TaskExecutor;
import io.camarad.upkeep.core.internal.TaskResult;
import io.camarad.upkeep.core.internal.TaskStateView;
import io.camarad.upkeep.core.internal.UsageCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one task through the engine's real context, state store, resilience and due rule, so a
 * plugin's tests exercise what a real run would do:
 *
 * <pre>{@code
 * TaskHarness h = TaskHarness.forTask(new MyTask())
 *     .settings(Map.of("batchSize", 500, "apiKey", "${PINECONE_API_KEY}"))
 *     .environment(Map.of("PINECONE_API_KEY", "planted-secret"))
 *     .resource("mongo", mongoDatabase)
 *     .service("pinecone", ServicePolicy.fast())
 *     .clock(clock)
 *     .stateDirectory(tempDir)
 *     .build();
 * TaskPlan plan = h.plan();     // read-only
 * RunResult r = h.apply();      // plan, then apply if due (undo FAILED on failure)
 * }</pre>
 *
 * <p>Each {@link #plan()} and {@link #apply()} is a run of its own with a new run id; state
 * persists in the state directory, so two harnesses on the same directory see each other's state,
 * as two runs of the engine would. Circuit breakers are shared by the runs of one harness. Not
 * thread-safe.
 *
 * @since 0.1
 */
public final class TaskHarness {
  private final UpkeepTask task;
  private final Settings settings;
  private final Map<String, String> environment;
  private final Map<String, ResourceRegistry.Opener> resources;
  private final Clock clock;
  private final Path stateDirectory;
  private final Duration timeout;
  private final int retries;
  private final SecretMasking masking;
  private final ServiceGuards services;
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private Map<String, Long> lastUsage = Map.of();

  private TaskHarness(Builder b, Settings settings, SecretMasking masking) {
    this.task = b.task;
    this.settings = settings;
    this.environment = Map.copyOf(b.environment);
    this.resources = new LinkedHashMap<>(b.resources);
    this.clock = b.clock;
    this.stateDirectory = b.stateDirectory;
    this.timeout = b.timeout;
    this.retries = b.retries;
    this.masking = masking;
    Map<String, ResiliencePolicy> policies = new HashMap<>(b.policies);
    this.services =
        new ServiceGuards(name -> policies.getOrDefault(name, ResiliencePolicy.defaults()));
  }

  /** Starts a harness for {@code task}. */
  public static Builder forTask(UpkeepTask task) {
    return new Builder(task);
  }

  /**
   * Plans the task, read-only, as {@code camarad plan} would.
   *
   * @throws Exception the task's planning failure
   */
  public TaskPlan plan() throws Exception {
    PlanResult planned = planned();
    if (planned.failure() != null) {
      throw rethrowable(planned.failure());
    }
    return planned.plan();
  }

  /**
   * Plans and decides as the engine does; the status says DUE, UNPREDICTABLE, UP_TO_DATE, SKIPPED
   * or FAILED, and the summary why.
   */
  public PlanResult planned() {
    return withRun((executor) -> executor.plan(List.of()));
  }

  /**
   * Plans, then applies if the task is due (undoing partial work when apply fails and the task
   * can), and records the outcome and fingerprints in the state, as {@code camarad apply} would.
   * Never throws for the task's failures: see {@link RunResult#error()}.
   */
  public RunResult apply() {
    return withRun(
        executor -> {
          PlanResult planned = executor.plan(List.of());
          TaskResult result = executor.apply(planned);
          lastUsage = result.report().usage();
          return new RunResult(
              runIdOf(executor),
              planned.plan(),
              result.report(),
              result.outcome(),
              result.failure());
        });
  }

  /**
   * Calls the task's undo directly, with the state of the last apply.
   *
   * @throws Exception what undo threw
   */
  public void undo(UndoReason reason) throws Exception {
    try (Run run = new Run()) {
      run.executor.undo(reason);
    }
  }

  /**
   * A real task context for calling the task's {@code plan}, {@code apply}, {@code undo} or {@code
   * health} directly, without the engine's due rule, undo on failure or fingerprints: see {@link
   * DirectContext}. Each context is a run of its own with a new run id; it sees the persisted
   * state, read-only in {@link RunMode#PLAN}, and in {@link RunMode#APPLY} saves the state the task
   * left when closed. Log lines are captured into {@link #logs()} on close.
   */
  public DirectContext context(RunMode mode) {
    Run run = new Run();
    try {
      Files.createDirectories(dataDirectory());
    } catch (IOException e) {
      run.close();
      throw new UncheckedIOException(e);
    }
    TaskStateView state = new TaskStateView(record(), mode == RunMode.PLAN);
    UsageCounters usage = new UsageCounters();
    DeadlineCancellation cancellation = new DeadlineCancellation();
    EngineTaskContext context =
        new EngineTaskContext(
            task.id(),
            mode,
            settings,
            state,
            run.scope,
            clock.instant().plus(timeout),
            cancellation,
            usage);
    return new DirectContext(context, cancellation, state, usage, this::save, run::close);
  }

  private void save(TaskStateView state) {
    try {
      new FileStateStore(stateDirectory).save(state.withCurrentValues());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The task's persisted values. */
  public Map<String, String> state() {
    return record().values();
  }

  /** The whole persisted record: values, last success, its run id and fingerprints. */
  public TaskStateRecord record() {
    try {
      return new FileStateStore(stateDirectory)
          .load(task.id())
          .orElse(TaskStateRecord.empty(task.id()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Usage counters and outcome counts of the last {@link #apply()}. */
  public Map<String, Long> usage() {
    return lastUsage;
  }

  /** Every log line captured during this harness's calls, exception messages included. */
  public List<String> logs() {
    return List.copyOf(logs);
  }

  /** The progress lines the task reported. */
  public List<String> progress() {
    return List.copyOf(progress);
  }

  /** The bound settings the task sees. */
  public Settings settings() {
    return settings;
  }

  /** The state directory. */
  public Path stateDirectory() {
    return stateDirectory;
  }

  /** The task's data directory ({@code <stateDir>/tasks/<id>}). */
  public Path dataDirectory() {
    return stateDirectory.resolve("tasks").resolve(task.id());
  }

  /** Masks the secrets this harness resolved, as the engine masks reports. */
  public String mask(String text) {
    return masking.apply(text);
  }

  private final Map<TaskExecutor, String> runIds = new HashMap<>();

  private String runIdOf(TaskExecutor executor) {
    return runIds.get(executor);
  }

  private interface RunBody<T> {
    T run(TaskExecutor executor);
  }

  private <T> T withRun(RunBody<T> body) {
    try (Run run = new Run()) {
      return body.run(run.executor);
    }
  }

  private static Exception rethrowable(Throwable failure) {
    if (failure instanceof Exception e) {
      return e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(failure);
  }

  /** One run: its scope, its executor, and log capture while it lasts. */
  private final class Run implements AutoCloseable {
    private final DeadlineTimer timer = new DeadlineTimer();
    private final ResourceRegistry registry = new ResourceRegistry(resources);
    private final LogCapture capture = LogCapture.start();
    private final TaskExecutor executor;
    private final RunScope scope;

    Run() {
      String runId = RunIds.next(clock.instant());
      ProgressSink sink = (taskId, line) -> progress.add(line);
      scope =
          new RunScope(
              runId,
              clock,
              clock.instant(),
              new FileStateStore(stateDirectory),
              stateDirectory,
              services,
              registry,
              environment,
              masking,
              OptionalLong.empty(),
              sink,
              timer);
      executor = new TaskExecutor(task, settings, timeout, retries, "test harness", scope);
      runIds.clear();
      runIds.put(executor, runId);
    }

    @Override
    public void close() {
      registry.close();
      timer.close();
      logs.addAll(capture.lines());
      capture.close();
    }
  }

  /** Builds a {@link TaskHarness}. */
  public static final class Builder {
    private final UpkeepTask task;
    private Map<String, ?> settings = Map.of();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, ResourceRegistry.Opener> resources = new LinkedHashMap<>();
    private final Map<String, ResiliencePolicy> policies = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Path stateDirectory;
    private Path baseDirectory;
    private Duration timeout = Duration.ofMinutes(30);
    private int retries;

    private Builder(UpkeepTask task) {
      this.task = Objects.requireNonNull(task, "task");
    }

    /** The task's settings as written under {@code tasks.<id>.settings} in a protocol. */
    public Builder settings(Map<String, ?> values) {
      this.settings = Map.copyOf(values);
      return this;
    }

    /** The environment that {@code ${VAR}} references and secrets resolve from. */
    public Builder environment(Map<String, String> env) {
      this.environment.putAll(env);
      return this;
    }

    /** A shared resource: an open object (seen by its types) or a {@link Resource}. */
    public Builder resource(String name, Object value) {
      Resource resource = value instanceof Resource r ? r : ResourceRegistry.wrapping(value);
      resources.put(name, () -> resource);
      return this;
    }

    /**
     * A shared resource seen as any of several objects, for example a {@code MongoDatabase} and its
     * {@code MongoClient}: {@code resource(name, type)} returns the first that is of the type
     * asked.
     */
    public Builder resource(String name, Object first, Object... others) {
      List<Object> views = new ArrayList<>();
      views.add(first);
      views.addAll(List.of(others));
      Resource resource =
          new Resource() {
            @Override
            public <T> java.util.Optional<T> unwrap(Class<T> type) {
              return views.stream().filter(type::isInstance).map(type::cast).findFirst();
            }

            @Override
            public void close() {
              // Owned by the test.
            }
          };
      resources.put(name, () -> resource);
      return this;
    }

    /** The resilience policy of one service, for example {@link ServicePolicy#fast()}. */
    public Builder service(String name, ServicePolicy policy) {
      policies.put(
          name,
          new ResiliencePolicy(
              policy.maxAttempts(),
              policy.initialBackoff(),
              policy.maxBackoff(),
              policy.failureRateThreshold(),
              policy.minimumCalls(),
              policy.openFor()));
      return this;
    }

    /** The clock of the runs, for example a {@link MutableClock}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The state directory; state persists across harnesses on the same directory. */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * The directory that relative paths in the settings resolve against, as the protocol file's
     * directory does for the engine (default: the state directory).
     */
    public Builder baseDirectory(Path dir) {
      this.baseDirectory = dir;
      return this;
    }

    /** The deadline of each call (default 30 minutes), as {@code tasks.<id>.timeout}. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Re-runs of a failed apply, for idempotent tasks, as {@code tasks.<id>.retries}. */
    public Builder retries(int value) {
      this.retries = value;
      return this;
    }

    /**
     * Binds and validates the settings as the engine would.
     *
     * @throws SettingsProblemsException listing every problem of the settings
     */
    public TaskHarness build() {
      try {
        if (stateDirectory == null) {
          stateDirectory = Files.createTempDirectory("upkeep-harness-");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ConfigSource source =
          ConfigSource.fromMap(
              "test harness",
              baseDirectory == null ? stateDirectory : baseDirectory,
              Map.of("tasks", Map.of(task.id(), Map.of("settings", settings))),
              Map.copyOf(environment));
      Settings bound = bindSettings(source);
      return new TaskHarness(this, bound, SecretMasking.of(source.masker()));
    }

    private Settings bindSettings(ConfigSource source) {
      List<ConfigProblem> problems = new ArrayList<>();
      String path = "tasks." + task.id() + ".settings";
      Settings bound = new SettingsBinder(source).bind(path, task.settingsSpec(), problems);
      SettingsException invalid = problems.isEmpty() ? validate(source, bound, problems) : null;
      if (!problems.isEmpty()) {
        throw new SettingsProblemsException(
            task.id(),
            problems.stream()
                .map(p -> source.masker().mask(p.path() + ": " + p.message()))
                .toList(),
            invalid);
      }
      return bound;
    }

    /** Runs the task's validate; returns what it threw, after adding it to the problems. */
    private SettingsException validate(
        ConfigSource source, Settings bound, List<ConfigProblem> problems) {
      try {
        task.validate(bound);
        return null;
      } catch (SettingsException e) {
        String key = bound.path() + "." + e.key();
        problems.add(new ConfigProblem(source.locationOf(key), key, e.getMessage()));
        return e;
      }
    }
  }

  /** Whether a status counts as a success of the task. */
  static boolean success(TaskStatus status) {
    return status == TaskStatus.APPLIED || status == TaskStatus.UP_TO_DATE;
  }
}
