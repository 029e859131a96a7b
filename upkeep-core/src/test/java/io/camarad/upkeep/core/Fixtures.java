package io.camarad.upkeep.core;

import io.camarad.upkeep.api.UpkeepTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders for engines under test: discovery off, tasks handed in, a temp state directory. */
final class Fixtures {
  private Fixtures() {}

  static Upkeep.Builder engine(Path stateDir, Map<String, Object> protocol, UpkeepTask... tasks) {
    Upkeep.Builder builder =
        Upkeep.builder()
            .discovery(false)
            .protocol("test-protocol", protocol)
            .environment(Map.of())
            .stateDirectory(stateDir);
    for (UpkeepTask task : tasks) {
      builder.task(task);
    }
    return builder;
  }

  static Upkeep.Builder engine(Path stateDir, UpkeepTask... tasks) {
    return engine(stateDir, Map.of(), tasks);
  }

  /** A mutable protocol map with the given top-level entries. */
  static Map<String, Object> protocol(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
