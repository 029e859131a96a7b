package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.UsageRecorder;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Usage counters of one task in one run. Thread-safe. */
public final class UsageCounters implements UsageRecorder {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void add(String name, long amount) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(amount);
  }

  /** A sorted snapshot. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((name, adder) -> copy.put(name, adder.sum()));
    return copy;
  }
}
