package io.camarad.upkeep.bench.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the commands a client sends (each one a round trip with the sync driver). */
final class CommandCounter implements CommandListener {
  private static final Set<String> WRITES =
      Set.of("insert", "update", "delete", "createIndexes", "findAndModify");
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void commandStarted(CommandStartedEvent event) {
    counts.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long writes() {
    return counts.entrySet().stream()
        .filter(e -> WRITES.contains(e.getKey()))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  void reset() {
    counts.clear();
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
