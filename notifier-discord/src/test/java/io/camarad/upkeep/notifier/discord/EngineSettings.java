package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.core.config.ConfigSource;
import io.camarad.upkeep.core.config.SettingsBinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds notifier settings with the engine's own binder (defaults, types, {@code ${VAR}} secrets,
 * unknown keys), from plain values or from a protocol file, as a run would. The test kit has a
 * harness for tasks only; this is the same binding for a notifier entry.
 */
final class EngineSettings {
  private EngineSettings() {}

  /** The settings of a single {@code discord} notifier entry given as plain values. */
  static Settings bind(SettingsSpec spec, Map<String, ?> settings, Map<String, String> env) {
    Map<String, Object> entry = Map.of("type", "discord", "settings", settings);
    ConfigSource source =
        ConfigSource.fromMap(
            "test protocol", Path.of("."), Map.of("notifiers", List.of(entry)), env);
    return bind(source, "notifiers.0.settings", spec);
  }

  /** The settings at {@code path} of the protocol file {@code protocol}. */
  static Settings bind(Path protocol, String path, SettingsSpec spec, Map<String, String> env)
      throws Exception {
    return bind(ConfigSource.load(protocol, env, Map.of()), path, spec);
  }

  private static Settings bind(ConfigSource source, String path, SettingsSpec spec) {
    List<ConfigProblem> problems = new ArrayList<>();
    Settings bound = new SettingsBinder(source).bind(path, spec, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(ConfigProblem::format).toList().toString());
    }
    return bound;
  }
}
