package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.ResourceProvider;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.ConfigurationException;
import io.camarad.upkeep.core.config.SettingsBinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a whole protocol before anything runs and binds it to a {@link Protocol}: the top level
 * keys, the lock, state, resources, services, metrics, notifier entries and task entries, each
 * against its spec (task settings against the task's own). Every problem is collected; problems of
 * an entry that is skipped because a required variable is unset are dropped.
 */
public final class ProtocolBinder {
  static final SettingsSpec LOCK_BASE =
      SettingsSpec.builder()
          .string("type", "file", "the lock provider: file (built in) or mongodb (task-mongo)")
          .duration("lease", Duration.ofMinutes(15), "how long a lease lasts unless renewed")
          .build();
  static final SettingsSpec STATE_BASE =
      SettingsSpec.builder()
          .string("type", "file", "the state store: file (built in) or mongodb (task-mongo)")
          .build();
  static final SettingsSpec RESOURCE_BASE =
      SettingsSpec.builder()
          .requiredString("type", "the resource type, for example mongodb")
          .build();
  static final SettingsSpec BREAKER =
      SettingsSpec.builder()
          .decimal("failureRateThreshold", 50.0, "failure percentage that opens the breaker")
          .integer("minimumCalls", 10, "calls recorded before the failure rate counts")
          .duration("openFor", Duration.ofSeconds(60), "how long an open breaker refuses calls")
          .build();
  static final SettingsSpec SERVICE =
      SettingsSpec.builder()
          .integer("maxAttempts", 5, "attempts in all, the first included")
          .duration("initialBackoff", Duration.ofMillis(500), "the first wait, doubled each time")
          .duration("maxBackoff", Duration.ofSeconds(30), "the longest backoff")
          .section("circuitBreaker", BREAKER, "the circuit breaker shared by every caller")
          .build();
  static final SettingsSpec NOTIFIER_BASE =
      SettingsSpec.builder()
          .requiredString("type", "the notifier type: console, discord, ...")
          .strings("requires", List.of(), "variables that must be set, else it is skipped")
          .map("settings", "the notifier's own settings")
          .build();
  static final SettingsSpec TASK_ENTRY =
      SettingsSpec.builder()
          .bool("enabled", true, "whether the task runs")
          .strings("dependsOn", List.of(), "task ids added to the task's own dependencies")
          .strings("requires", List.of(), "variables that must be set, else the task is skipped")
          .duration("timeout", Duration.ofMinutes(30), "the deadline of each call into the task")
          .integer("retries", 0, "re-runs of a failed apply, for idempotent tasks only")
          .map("settings", "the task's own settings")
          .build();
  static final SettingsSpec HISTORY =
      SettingsSpec.builder()
          .integer("keep", RetentionPolicy.DEFAULT_KEEP, "run reports kept in runs/, the newest")
          .string(
              "auditMaxSize",
              RetentionPolicy.DEFAULT_AUDIT_MAX_SIZE,
              "audit.log is rotated once it passes this size (10MB, 512KB, ...)")
          .integer(
              "auditFiles",
              RetentionPolicy.DEFAULT_AUDIT_FILES,
              "rotated audit files kept: audit.log.1 (newest) ...")
          .build();
  static final SettingsSpec PUSHGATEWAY =
      SettingsSpec.builder()
          .uri("url", null, "the Pushgateway's base URL, http://pushgateway:9091")
          .string("job", "upkeep", "the job label the metrics are grouped under")
          .string("username", null, "basic-auth user (with password)")
          .optionalSecret("password", "basic-auth password, ${VAR}")
          .optionalSecret("bearerToken", "a bearer token instead of basic auth, ${VAR}")
          .build();
  static final SettingsSpec METRICS =
      SettingsSpec.builder()
          .path("textfile", null, "a Prometheus textfile written after each apply")
          .section("pushgateway", PUSHGATEWAY, "a Pushgateway pushed to after each apply")
          .build();

  /** The keys a protocol may hold at the top level. */
  public static final SettingsSpec TOP =
      SettingsSpec.builder()
          .string("name", "upkeep", "the protocol's name, in reports")
          .path("stateDir", ".upkeep", "state, history, audit log and lock, beside the protocol")
          .integer("parallelism", 4, "how many independent tasks may run at once")
          .bool("allOrNothing", false, "compensate every applied task when one fails")
          .section("lock", LOCK_BASE, "the run lock")
          .section("state", STATE_BASE, "where task state and history are kept")
          .map("resources", "shared resources by name, each with a type")
          .map("services", "resilience per external service name")
          .section("metrics", METRICS, "metrics outputs")
          .section("history", HISTORY, "how much run history and audit log to keep")
          .sections("notifiers", NOTIFIER_BASE, "who hears about each run")
          .map("tasks", "the tasks to run, by id, with their settings")
          .string("schedule", null, "when a scheduler should run the upkeep (informational)")
          .build();

  private static final Pattern UNSET_VARIABLE = Pattern.compile("\\$\\{([^}:]+)");

  private final ConfigSource source;
  private final SettingsBinder binder;
  private final PluginSet plugins;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<Settings> sections = new ArrayList<>();
  private final List<Protocol.UnsetSetting> unsetSettings = new ArrayList<>();

  private ProtocolBinder(ConfigSource source, PluginSet plugins) {
    this.source = source;
    this.binder = new SettingsBinder(source);
    this.plugins = plugins;
  }

  /**
   * Validates and binds {@code source}.
   *
   * @throws ConfigurationException with every problem found
   */
  public static Protocol bind(ConfigSource source, PluginSet plugins)
      throws ConfigurationException {
    return new ProtocolBinder(source, plugins).bindAll();
  }

  private Protocol bindAll() throws ConfigurationException {
    Settings top = bindKeeping("", TOP, path -> !nested(path));
    sections.add(top);
    Protocol.ProviderEntry lock = providerEntry("lock", LOCK_BASE, top, plugins.locks());
    Protocol protocol =
        new Protocol(
            top.find("name", String.class).orElse("upkeep"),
            top.find("stateDir", Path.class).orElse(source.baseDirectory().resolve(".upkeep")),
            parallelism(top),
            top.find("allOrNothing", Boolean.class).orElse(false),
            lock,
            lease(lock.settings()),
            providerEntry("state", STATE_BASE, top, plugins.states()),
            resources(),
            services(),
            top.section("metrics").find("textfile", Path.class).orElse(null),
            metricsPush(top.section("metrics").section("pushgateway")),
            notifiers(top),
            tasks(),
            retention(top.section("history")),
            List.copyOf(sections),
            List.copyOf(unsetSettings));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(reported(problems));
    }
    return protocol;
  }

  /**
   * Each problem once: exact repeats dropped, and where a value is an unset {@code ${VAR}}, the
   * follow-on problems of the empty value it leaves (a wrong type, a failed validation, at that
   * path or above it) are dropped too: setting the variable is the one fix.
   */
  static List<ConfigProblem> reported(List<ConfigProblem> problems) {
    List<String> unset =
        problems.stream().filter(ProtocolBinder::unsetReference).map(ConfigProblem::path).toList();
    return problems.stream()
        .distinct()
        .filter(p -> unsetReference(p) || unset.stream().noneMatch(u -> covers(p.path(), u)))
        .toList();
  }

  // Coupled to the wording of io.camarad.upkeep.core.config.References; a test holds it.
  private static boolean unsetReference(ConfigProblem p) {
    return p.message().startsWith("references ${") && p.message().contains("which is not set");
  }

  private static boolean covers(String path, String unsetPath) {
    return unsetPath.equals(path) || unsetPath.startsWith(path + ".");
  }

  /** Paths that a later, precise binding checks (and reports) itself. */
  private static boolean nested(String path) {
    if (path.matches("notifiers\\.\\d+\\.settings(\\..*)?")) {
      return true;
    }
    for (String prefix : List.of("tasks.", "resources.", "services.", "lock.", "state.")) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private Settings bindKeeping(String path, SettingsSpec spec, Predicate<String> keep) {
    List<ConfigProblem> found = new ArrayList<>();
    Settings settings = binder.bind(path, spec, found);
    found.stream().filter(p -> keep.test(p.path())).forEach(problems::add);
    return settings;
  }

  private Settings bindSection(String path, SettingsSpec spec) {
    Settings settings = binder.bind(path, spec, problems);
    sections.add(settings);
    return settings;
  }

  /**
   * Binds the settings of an entry that will not run: its problems are not problems, but its
   * settings are still shown, those that reference an unset variable included.
   */
  private Settings bindSkipped(String path, SettingsSpec spec) {
    List<ConfigProblem> ignored = new ArrayList<>();
    Settings settings = binder.bind(path, spec, ignored);
    sections.add(settings);
    for (ConfigProblem p : ignored) {
      Matcher unset = UNSET_VARIABLE.matcher(p.message());
      if (unsetReference(p) && unset.find()) {
        unsetSettings.add(new Protocol.UnsetSetting(p.path(), unset.group(1), p.location()));
      }
    }
    return settings;
  }

  private int parallelism(Settings top) {
    int value = top.find("parallelism", Integer.class).orElse(4);
    if (value < 1) {
      problem("parallelism", "must be at least 1, was " + value);
      return 1;
    }
    return value;
  }

  private MetricsPush metricsPush(Settings push) {
    java.net.URI url = push.find("url", java.net.URI.class).orElse(null);
    String path = "metrics.pushgateway";
    if (url == null) {
      return null;
    }
    if (url.getScheme() == null
        || !url.getScheme().matches("(?i)https?")
        || url.getHost() == null) {
      problem(
          path + ".url",
          "expected an http:// or https:// URL with a host, got '"
              + (url.getRawUserInfo() == null
                  ? url
                  : url.toString().replace(url.getRawUserInfo() + "@", ""))
              + "'");
      return null;
    }
    String username = push.find("username", String.class).orElse(null);
    Secret password = push.find("password", Secret.class).orElse(null);
    Secret token = push.find("bearerToken", Secret.class).orElse(null);
    if ((username == null) != (password == null)) {
      problem(
          path + (username == null ? ".username" : ".password"),
          "basic auth needs both username and password");
    }
    if (password != null && token != null) {
      problem(
          path + ".bearerToken",
          "use either basic auth (username, password) or" + " bearerToken, not both");
    }
    return new MetricsPush(
        url, push.find("job", String.class).orElse("upkeep"), username, password, token);
  }

  private RetentionPolicy retention(Settings history) {
    int keep = history.find("keep", Integer.class).orElse(RetentionPolicy.DEFAULT_KEEP);
    int files =
        history.find("auditFiles", Integer.class).orElse(RetentionPolicy.DEFAULT_AUDIT_FILES);
    String sizeText =
        history.find("auditMaxSize", String.class).orElse(RetentionPolicy.DEFAULT_AUDIT_MAX_SIZE);
    long size = RetentionPolicy.bytes(sizeText).orElse(0L);
    if (keep < 1) {
      problem("history.keep", "must be at least 1, was " + keep);
    }
    if (files < 0) {
      problem("history.auditFiles", "must be 0 or more, was " + files);
    }
    if (size < 1) {
      problem(
          "history.auditMaxSize",
          "expected a size like 10MB, 512KB or 1GB, got '" + sizeText + "'");
    }
    return keep < 1 || files < 0 || size < 1
        ? RetentionPolicy.defaults()
        : new RetentionPolicy(keep, size, files);
  }

  private Duration lease(Settings lock) {
    Duration lease = lock.find("lease", Duration.class).orElse(Duration.ofMinutes(15));
    if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
      problem("lock.lease", "must be at least 3s, was " + lease);
      return Duration.ofSeconds(3);
    }
    return lease;
  }

  private <P> Protocol.ProviderEntry providerEntry(
      String path, SettingsSpec base, Settings top, Map<String, P> providers) {
    String type = top.section(path).find("type", String.class).orElse("file");
    P provider = providers.get(type);
    if (provider == null) {
      problem(
          path + ".type",
          "no "
              + path
              + " provider of type '"
              + type
              + "'"
              + Suggestions.hint(type, providers.keySet())
              + "; available: "
              + providers.keySet()
              + " (a mongodb one comes with the task-mongo jar)");
      return new Protocol.ProviderEntry(type, null, bindSection(path, openEnded(base)));
    }
    SettingsSpec own =
        provider instanceof io.camarad.upkeep.api.spi.LockProvider l
            ? l.settingsSpec()
            : ((io.camarad.upkeep.api.spi.StateStoreProvider) provider).settingsSpec();
    return new Protocol.ProviderEntry(type, provider, bindSection(path, combine(base, own)));
  }

  private Map<String, Protocol.ProviderEntry> resources() {
    Map<String, Protocol.ProviderEntry> resources = new TreeMap<>();
    for (String name : source.keysAt("resources")) {
      String path = "resources." + name;
      // Only the type is checked here; the provider's own spec checks the rest below.
      Settings base =
          bindKeeping(
              path, openEnded(RESOURCE_BASE), p -> p.equals(path) || p.equals(path + ".type"));
      String type = base.find("type", String.class).orElse("");
      chooseResourceProvider(path, type).ifPresent(entry -> resources.put(name, entry));
    }
    return resources;
  }

  private Optional<Protocol.ProviderEntry> chooseResourceProvider(String path, String type) {
    List<ResourceProvider> candidates =
        plugins.resources().stream()
            .filter(p -> p.type().equals(type))
            .sorted(Comparator.comparingInt(ResourceProvider::priority).reversed())
            .toList();
    if (type.isEmpty()) {
      return Optional.empty(); // the missing type is already a problem
    }
    for (ResourceProvider candidate : candidates) {
      List<ConfigProblem> found = new ArrayList<>();
      Settings settings =
          binder.bind(path, combine(RESOURCE_BASE, candidate.settingsSpec()), found);
      if (found.isEmpty() && candidate.accepts(settings)) {
        sections.add(settings);
        return Optional.of(new Protocol.ProviderEntry(type, candidate, settings));
      }
      if (candidate == candidates.get(candidates.size() - 1) && !found.isEmpty()) {
        problems.addAll(found);
        return Optional.empty();
      }
    }
    problem(
        path + ".type",
        candidates.isEmpty()
            ? "no resource provider of type '"
                + type
                + "'"
                + Suggestions.hint(
                    type,
                    plugins.resources().stream().map(ResourceProvider::type).distinct().toList())
                + "; add the jar that provides it (mongodb comes with task-mongo)"
            : "no provider of type '" + type + "' accepts this declaration; check its settings");
    return Optional.empty();
  }

  private Map<String, ResiliencePolicy> services() {
    Map<String, ResiliencePolicy> services = new TreeMap<>();
    for (String name : source.keysAt("services")) {
      String path = "services." + name;
      Settings s = bindSection(path, SERVICE);
      Settings cb = s.section("circuitBreaker");
      try {
        services.put(
            name,
            new ResiliencePolicy(
                s.find("maxAttempts", Integer.class).orElse(5),
                s.find("initialBackoff", Duration.class).orElse(Duration.ofMillis(500)),
                s.find("maxBackoff", Duration.class).orElse(Duration.ofSeconds(30)),
                cb.find("failureRateThreshold", Double.class).orElse(50.0),
                cb.find("minimumCalls", Integer.class).orElse(10),
                cb.find("openFor", Duration.class).orElse(Duration.ofSeconds(60))));
      } catch (IllegalArgumentException e) {
        problem(path, e.getMessage());
      }
    }
    return services;
  }

  private List<Protocol.NotifierEntry> notifiers(Settings top) {
    List<Protocol.NotifierEntry> entries = new ArrayList<>();
    List<Settings> declared = top.sections("notifiers");
    for (int i = 0; i < declared.size(); i++) {
      String path = "notifiers." + i;
      String type = declared.get(i).find("type", String.class).orElse("");
      Notifier notifier = notifierOfType(path, type);
      if (notifier != null) {
        entries.add(notifierEntry(path, type, notifier, declared.get(i).strings("requires")));
      }
    }
    return entries;
  }

  private Notifier notifierOfType(String path, String type) {
    Discovered<Notifier> found = plugins.notifiers().get(type);
    if (found != null) {
      return found.plugin();
    }
    for (Notifier handed : plugins.handedInNotifiers()) {
      if (handed.type().equals(type)) {
        return handed;
      }
    }
    if (!type.isEmpty()) {
      List<String> known = new ArrayList<>(plugins.notifiers().keySet());
      plugins.handedInNotifiers().forEach(n -> known.add(n.type()));
      problem(
          path + ".type",
          "no notifier of type '"
              + type
              + "'"
              + Suggestions.hint(type, known)
              + "; available: "
              + known
              + "; add the jar that provides it to the plugins directory");
    }
    return null;
  }

  private Protocol.NotifierEntry notifierEntry(
      String path, String type, Notifier notifier, List<String> requires) {
    String skipped = unsetVariables(requires);
    Settings settings =
        skipped == null
            ? bindSection(path + ".settings", notifier.settingsSpec())
            : bindSkipped(path + ".settings", notifier.settingsSpec());
    if (skipped == null) {
      validate(path + ".settings", settings, () -> notifier.validate(settings));
    }
    return new Protocol.NotifierEntry(path, type, skipped, settings);
  }

  private Map<String, Protocol.TaskEntry> tasks() {
    Map<String, Protocol.TaskEntry> entries = new TreeMap<>();
    for (String id : source.keysAt("tasks")) {
      Discovered<UpkeepTask> task = plugins.tasks().get(id);
      if (task == null) {
        problem("tasks." + id, unknownTask(id));
        continue;
      }
      entries.put(id, taskEntry(id, task.plugin()));
    }
    for (String id : plugins.handedIn()) {
      entries.computeIfAbsent(id, k -> taskEntry(k, plugins.tasks().get(k).plugin()));
    }
    return entries;
  }

  /** A typo gets the close id to use instead; an id close to none, the jar to add. */
  private String unknownTask(String id) {
    java.util.TreeSet<String> known = new java.util.TreeSet<>(plugins.tasks().keySet());
    return "no plugin provides task '"
        + id
        + "'"
        + Suggestions.closest(id, known)
            .map(
                close ->
                    "; did you mean '"
                        + close
                        + "'? correct the id under 'tasks'"
                        + " (available: "
                        + known
                        + ")")
            .orElse(
                "; available: "
                    + known
                    + "; add the jar that provides it to the plugins"
                    + " directory");
  }

  private Protocol.TaskEntry taskEntry(String id, UpkeepTask task) {
    String path = "tasks." + id;
    String settingsPath = path + ".settings";
    Settings entry = bindKeeping(path, TASK_ENTRY, p -> !p.startsWith(settingsPath));
    sections.add(entry);
    String skipped = unsetVariables(entry.strings("requires"));
    boolean enabled = entry.find("enabled", Boolean.class).orElse(true);
    Settings settings =
        skipped == null && enabled
            ? bindSection(settingsPath, task.settingsSpec())
            : bindSkipped(settingsPath, task.settingsSpec());
    if (skipped == null && enabled) {
      validate(settingsPath, settings, () -> task.validate(settings));
    }
    Duration timeout = entry.find("timeout", Duration.class).orElse(Duration.ofMinutes(30));
    int retries = entry.find("retries", Integer.class).orElse(0);
    checkTimeoutAndRetries(path, task, timeout, retries);
    return new Protocol.TaskEntry(
        id,
        enabled,
        new LinkedHashSet<>(entry.strings("dependsOn")),
        timeout,
        retries,
        skipped,
        settings);
  }

  private void checkTimeoutAndRetries(String path, UpkeepTask task, Duration timeout, int retries) {
    if (timeout.isZero() || timeout.isNegative()) {
      problem(path + ".timeout", "must be positive, was " + timeout);
    }
    if (retries < 0) {
      problem(path + ".retries", "must be 0 or more, was " + retries);
    }
    if (retries > 0 && !task.idempotent()) {
      problem(
          path + ".retries",
          "task '"
              + task.id()
              + "' is not idempotent, so the engine"
              + " never re-runs it; remove 'retries' (calls to services are retried anyway)");
    }
  }

  private String unsetVariables(List<String> requires) {
    List<String> unset =
        requires.stream()
            .filter(
                v -> {
                  String value = source.environment().get(v);
                  return value == null || value.isBlank();
                })
            .toList();
    return unset.isEmpty() ? null : "not configured: set " + String.join(", ", unset);
  }

  private interface Validation {
    void run() throws SettingsException;
  }

  private void validate(String path, Settings settings, Validation validation) {
    try {
      validation.run();
    } catch (SettingsException e) {
      String key = e.key().isEmpty() ? path : path + "." + e.key();
      problems.add(
          new ConfigProblem(source.locationOf(key), key, source.masker().mask(e.getMessage())));
    } catch (RuntimeException e) {
      problems.add(
          new ConfigProblem(
              source.locationOf(path),
              path,
              "validation failed: " + source.masker().mask(String.valueOf(e.getMessage()))));
    }
  }

  private void problem(String path, String message) {
    problems.add(new ConfigProblem(source.locationOf(path), path, message));
  }

  private static SettingsSpec openEnded(SettingsSpec spec) {
    SettingsSpec.Builder builder = SettingsSpec.builder();
    spec.settings().forEach(builder::add);
    return builder.openEnded().build();
  }

  private static SettingsSpec combine(SettingsSpec base, SettingsSpec own) {
    Map<String, SettingSpec> all = new LinkedHashMap<>();
    base.settings().forEach(s -> all.put(s.key(), s));
    own.settings().forEach(s -> all.putIfAbsent(s.key(), s));
    SettingsSpec.Builder builder = SettingsSpec.builder();
    all.values().forEach(builder::add);
    if (own.openEnded()) {
      builder.openEnded();
    }
    return builder.build();
  }
}
