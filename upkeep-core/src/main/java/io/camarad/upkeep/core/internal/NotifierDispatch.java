package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.SettingsBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every notifier of the protocol (one instance per entry) and every handed-in notifier that a
 * run started and how it ended. A notifier's failure is a warning, never the run's.
 *
 * <p>{@code runStarted} calls run on a thread of their own and hold up the first task for at most
 * {@link #START_WAIT}, so a slow or unreachable service does not delay the run. A notifier's {@code
 * runFinished} waits for its own {@code runStarted} to end first, so each notifier still hears of
 * the start before the end.
 */
final class NotifierDispatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierDispatch.class);
  private static final Duration NOTIFY_DEADLINE = Duration.ofMinutes(2);

  /** How long the first task waits for the notifiers to hear that the run started. */
  static final Duration START_WAIT = Duration.ofSeconds(2);

  /** One active notifier with its settings. */
  private record Active(String label, Notifier notifier, Settings settings) {}

  private final List<Active> active = new ArrayList<>();
  private final EngineRuntime runtime;
  private final Map<Active, Future<?>> starting = new LinkedHashMap<>();
  private final ExecutorService startThreads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "upkeep-notifier-start");
            t.setDaemon(true);
            return t;
          });

  NotifierDispatch(List<Protocol.NotifierEntry> entries, PluginSet plugins, EngineRuntime runtime) {
    this.runtime = runtime;
    List<Notifier> handedIn = plugins.handedInNotifiers();
    Set<String> used = new HashSet<>();
    for (Protocol.NotifierEntry entry : entries) {
      if (entry.skippedBecause() != null) {
        LOG.info(
            "Notifier {} ({}) skipped: {}", entry.type(), entry.path(), entry.skippedBecause());
        continue;
      }
      Notifier notifier = instanceFor(entry.type(), plugins, used);
      if (notifier != null) {
        active.add(
            new Active(entry.type() + " (" + entry.path() + ")", notifier, entry.settings()));
      }
    }
    for (Notifier notifier : handedIn) {
      if (entries.stream().noneMatch(e -> e.type().equals(notifier.type()))) {
        active.add(new Active(notifier.type() + " (embedded)", notifier, emptySettings()));
      }
    }
  }

  private static Settings emptySettings() {
    return new SettingsBinder(
            ConfigSource.fromMap("embedded notifier", Path.of("."), Map.of(), Map.of()))
        .bind("notifier", io.camarad.upkeep.api.SettingsSpec.empty(), new ArrayList<>());
  }

  /** An instance per entry (a new one for a second entry of a type), each with its state. */
  private static Notifier instanceFor(String type, PluginSet plugins, Set<String> used) {
    Notifier first =
        plugins.handedInNotifiers().stream()
            .filter(n -> n.type().equals(type))
            .findFirst()
            .orElseGet(() -> plugins.notifiers().get(type).plugin());
    if (used.add(type)) {
      return first;
    }
    try {
      return first.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      LOG.warn(
          "A second notifier of type {} cannot be made ({}); using one instance for both",
          type,
          e.toString());
      return first;
    }
  }

  /** Starts telling every notifier; returns once all heard it or {@link #START_WAIT} passed. */
  void runStarted(RunStarted started) {
    for (Active a : active) {
      starting.put(
          a,
          startThreads.submit(
              () -> notify(a, "runStarted", () -> a.notifier().runStarted(context(a), started))));
    }
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    for (Map.Entry<Active, Future<?>> e : starting.entrySet()) {
      long left = deadline - System.nanoTime();
      if (!await(e.getValue(), Math.max(0, left))) {
        LOG.info(
            "Notifier {} is still being told that the run started; the tasks go on",
            e.getKey().label());
      }
    }
  }

  /** Tells every notifier how the run ended, each once its runStarted has ended. */
  void runFinished(RunReport report) {
    for (Active a : active) {
      Future<?> start = starting.get(a);
      if (start != null && !await(start, NOTIFY_DEADLINE.toNanos())) {
        LOG.warn(
            "Notifier {} did not finish hearing that the run started within {}; telling"
                + " it how the run ended anyway",
            a.label(),
            NOTIFY_DEADLINE);
      }
      notify(a, "runFinished", () -> a.notifier().runFinished(context(a), report));
    }
  }

  /** Whether {@code call} ended within {@code nanos}; its own failure was logged already. */
  private static boolean await(Future<?> call, long nanos) {
    try {
      call.get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return call.isDone();
    }
  }

  /** Lets the start threads end; a start still running goes on in the background. */
  @Override
  public void close() {
    startThreads.shutdown();
  }

  private interface Call {
    void run() throws Exception;
  }

  private void notify(Active a, String what, Call call) {
    try {
      call.run();
    } catch (Exception | LinkageError e) {
      LOG.warn(
          "Notifier {} failed in {}; the run goes on: {}",
          a.label(),
          what,
          runtime.masking().apply(e.toString()));
    }
  }

  private NotifierContext context(Active a) {
    Clock clock = runtime.clock();
    ServiceCalls services =
        runtime
            .guards()
            .forTask(
                "notifier " + a.notifier().type(),
                clock,
                clock.instant().plus(NOTIFY_DEADLINE),
                new DeadlineCancellation(),
                runtime.masking());
    Logger logger =
        MaskingLogger.wrap(
            LoggerFactory.getLogger("upkeep.notifier." + a.notifier().type()), runtime.masking());
    return new NotifierContext() {
      @Override
      public Settings settings() {
        return a.settings();
      }

      @Override
      public ServiceCalls services() {
        return services;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Logger logger() {
        return logger;
      }

      @Override
      public String engineVersion() {
        return runtime.engineVersion();
      }
    };
  }
}
