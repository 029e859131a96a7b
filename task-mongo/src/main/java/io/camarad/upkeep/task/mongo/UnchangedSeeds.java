package io.camarad.upkeep.task.mongo;

import io.camarad.upkeep.api.Settings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which collections can skip the per-document comparison with their seed: an {@code
 * insertOnly} collection (without {@code removeMissing}) whose entry in the protocol and seed file
 * content equal those of the last successful run, and whose document count is what that run left.
 * Insert-only never changes a stored document, so only missing documents could need a write, and a
 * missing document shows as a lower count; any other difference falls back to the full comparison.
 *
 * <p>Its fingerprints ({@code collection.<name>}, the entry and seed content; {@code count.<name>},
 * the count the run leaves) are part of the task's input fingerprints, so the engine records them
 * with each successful run.
 */
final class UnchangedSeeds {
  private static final String ENTRY = "collection.";
  private static final String COUNT = "count.";

  private final Map<String, String> entries;
  private final Map<String, String> last;

  private UnchangedSeeds(Map<String, String> entries, Map<String, String> last) {
    this.entries = Map.copyOf(entries);
    this.last = Map.copyOf(last);
  }

  /**
   * Fingerprints each seeded collection's entry (with its seed file's SHA-256) and keeps the
   * fingerprints of the last successful run to compare with.
   */
  static UnchangedSeeds of(
      Settings settings, MongoTaskConfig config, Map<String, String> lastFingerprints)
      throws IOException {
    List<Settings> sections = settings.sections("collections");
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < config.collections().size(); i++) {
      CollectionConfig collection = config.collections().get(i);
      if (collection.hasSeed()) {
        String seed =
            collection.seedFile() == null ? "-" : InputFingerprints.sha256Of(collection.seedFile());
        entries.put(
            collection.name(),
            InputFingerprints.sha256(
                InputFingerprints.canonical(sections.get(i).asMap()) + "|seed=" + seed));
      }
    }
    return new UnchangedSeeds(entries, lastFingerprints);
  }

  /**
   * Whether {@code collection}, holding {@code count} documents, is as the last successful run left
   * it with the same seed, so its comparison can be skipped.
   */
  boolean unchanged(CollectionConfig collection, long count) {
    String entry = entries.get(collection.name());
    return collection.mode() == SeedMode.INSERT_ONLY
        && !collection.removeMissing()
        && entry != null
        && entry.equals(last.get(ENTRY + collection.name()))
        && String.valueOf(count).equals(last.get(COUNT + collection.name()));
  }

  /**
   * The fingerprints to record for this run: per seeded collection, its entry and the count it will
   * hold once the planned inserts are made.
   */
  Map<String, String> fingerprints(Map<String, Long> expectedCounts) {
    Map<String, String> result = new LinkedHashMap<>();
    entries.forEach(
        (name, entry) -> {
          result.put(ENTRY + name, entry);
          result.put(COUNT + name, String.valueOf(expectedCounts.getOrDefault(name, 0L)));
        });
    return result;
  }
}
