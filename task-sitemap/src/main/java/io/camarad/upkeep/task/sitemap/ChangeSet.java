package io.camarad.upkeep.task.sitemap;

import java.util.List;

/**
 * What one pass over the source found, compared with the manifest of the generation being served.
 *
 * @param urls URLs accepted for the sitemap
 * @param added URLs not in the previous generation
 * @param changed URLs whose lastmod changed
 * @param removed URLs of the previous generation that are gone
 * @param addedSample the first few added URLs
 * @param changedSample the first few changed URLs
 * @param removedSample the first few removed URLs
 * @param purge changed and removed URLs, to purge from the CDN; at most the purge cap
 * @param purgeOverflow whether there were more than the purge cap
 * @param refusals the entries left out, and lastmods dropped
 * @param fingerprint a hash of every accepted URL and lastmod, in order
 */
record ChangeSet(
    long urls,
    long added,
    long changed,
    long removed,
    List<String> addedSample,
    List<String> changedSample,
    List<String> removedSample,
    List<String> purge,
    boolean purgeOverflow,
    Refusals refusals,
    String fingerprint) {

  ChangeSet {
    addedSample = List.copyOf(addedSample);
    changedSample = List.copyOf(changedSample);
    removedSample = List.copyOf(removedSample);
    purge = List.copyOf(purge);
  }

  /** Whether the pages differ from the previous generation. */
  boolean hasChanges() {
    return added + changed + removed > 0;
  }

  /** "270 added, 9 removed, 361 changed". */
  String describe() {
    return String.format("%,d added, %,d removed, %,d changed", added, removed, changed);
  }

  /**
   * Entries left out of the sitemap, and lastmods dropped, with the first few reasons.
   *
   * @param invalid entries that gave no valid URL (missing field, malformed, too long, duplicate)
   * @param outsideLocation URLs outside the sitemap's location
   * @param lastmodDropped URLs listed without their lastmod, which was unusable
   * @param samples the first few reasons, each with where the entry came from
   */
  record Refusals(long invalid, long outsideLocation, long lastmodDropped, List<String> samples) {
    Refusals {
      samples = List.copyOf(samples);
    }

    long refused() {
      return invalid + outsideLocation;
    }

    String describe() {
      return String.format(
          "%,d invalid, %,d outside the sitemap location, %,d lastmod dropped",
          invalid, outsideLocation, lastmodDropped);
    }
  }
}
