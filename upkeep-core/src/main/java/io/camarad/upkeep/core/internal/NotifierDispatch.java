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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every notifier of the protocol (one instance per entry) and every handed-in notifier
 * that a run started and how it ended. A notifier's failure is a warning, never the run's.
 */
final class NotifierDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierDispatch.class);
  private static final Duration NOTIFY_DEADLINE = Duration.ofMinutes(2);

  /** One active notifier with its settings. */
  private record Active(String label, Notifier notifier, Settings settings) {}

  private final List<Active> active = new ArrayList<>();
  private final EngineRuntime runtime;

  NotifierDispatch(List<Protocol.NotifierEntry> entries, PluginSet plugins,
      EngineRuntime runtime) {
    this.runtime = runtime;
    List<Notifier> handedIn = plugins.handedInNotifiers();
    Set<String> used = new HashSet<>();
    for (Protocol.NotifierEntry entry : entries) {
      if (entry.skippedBecause() != null) {
        LOG.info("Notifier {} ({}) skipped: {}", entry.type(), entry.path(),
            entry.skippedBecause());
        continue;
      }
      Notifier notifier = instanceFor(entry.type(), plugins, used);
      if (notifier != null) {
        active.add(new Active(entry.type() + " (" + entry.path() + ")", notifier,
            entry.settings()));
      }
    }
    for (Notifier notifier : handedIn) {
      if (entries.stream().noneMatch(e -> e.type().equals(notifier.type()))) {
        active.add(new Active(notifier.type() + " (embedded)", notifier, emptySettings()));
      }
    }
  }

  private static Settings emptySettings() {
    return new SettingsBinder(ConfigSource.fromMap("embedded notifier", Path.of("."), Map.of(),
        Map.of())).bind("notifier", io.camarad.upkeep.api.SettingsSpec.empty(),
        new ArrayList<>());
  }

  /** An instance per entry (a new one for a second entry of a type), each with its state. */
  private static Notifier instanceFor(String type, PluginSet plugins, Set<String> used) {
    Notifier first = plugins.handedInNotifiers().stream().filter(n -> n.type().equals(type))
        .findFirst()
        .orElseGet(() -> plugins.notifiers().get(type).plugin());
    if (used.add(type)) {
      return first;
    }
    try {
      return first.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      LOG.warn("A second notifier of type {} cannot be made ({}); using one instance for both",
          type, e.toString());
      return first;
    }
  }

  void runStarted(RunStarted started) {
    for (Active a : active) {
      notify(a, "runStarted", () -> a.notifier().runStarted(context(a), started));
    }
  }

  void runFinished(RunReport report) {
    for (Active a : active) {
      notify(a, "runFinished", () -> a.notifier().runFinished(context(a), report));
    }
  }

  private interface Call {
    void run() throws Exception;
  }

  private void notify(Active a, String what, Call call) {
    try {
      call.run();
    } catch (Exception | LinkageError e) {
      LOG.warn("Notifier {} failed in {}; the run goes on: {}", a.label(), what,
          runtime.masking().apply(e.toString()));
    }
  }

  private NotifierContext context(Active a) {
    Clock clock = runtime.clock();
    ServiceCalls services = runtime.guards().forTask("notifier " + a.notifier().type(), clock,
        clock.instant().plus(NOTIFY_DEADLINE), new DeadlineCancellation(), runtime.masking());
    Logger logger = MaskingLogger.wrap(
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
