package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is still to be purged from the CDN, kept in the task's state between runs so that a failed
 * purge is finished by the next run.
 *
 * @param everything purge the whole zone
 * @param hosts hosts to purge whole
 * @param files URLs to purge one by one
 */
record PendingPurge(boolean everything, List<String> hosts, List<String> files) {
  static final PendingPurge NONE = new PendingPurge(false, List.of(), List.of());

  PendingPurge {
    hosts = List.copyOf(hosts);
    files = List.copyOf(files);
  }

  @JsonIgnore
  boolean isEmpty() {
    return !everything && hosts.isEmpty() && files.isEmpty();
  }

  /** This and {@code other} together, without repeats. */
  PendingPurge plus(PendingPurge other) {
    return new PendingPurge(
        everything || other.everything, union(hosts, other.hosts), union(files, other.files));
  }

  /** What remains after {@code done} files were purged. */
  PendingPurge withoutFiles(List<String> done) {
    List<String> left = new ArrayList<>(files);
    left.removeAll(Set.copyOf(done));
    return new PendingPurge(everything, hosts, left);
  }

  /** What remains after the hosts were purged. */
  PendingPurge withoutHosts() {
    return new PendingPurge(everything, List.of(), files);
  }

  /**
   * Replaces single-URL purges by whole-host (or whole-zone) purges when there are more than {@code
   * threshold} files.
   */
  PendingPurge escalated(int threshold, String mode, List<String> siteHosts) {
    if (everything || files.size() <= threshold) {
      return this;
    }
    if ("everything".equals(mode)) {
      return new PendingPurge(true, List.of(), List.of());
    }
    return new PendingPurge(false, union(hosts, siteHosts), List.of());
  }

  /** "370 URLs", "host camarad.example", "everything". */
  String describe() {
    if (everything) {
      return "everything in the zone";
    }
    List<String> parts = new ArrayList<>();
    if (!hosts.isEmpty()) {
      parts.add("host" + (hosts.size() == 1 ? " " : "s ") + String.join(", ", hosts));
    }
    if (!files.isEmpty()) {
      parts.add(String.format("%,d URL%s", files.size(), files.size() == 1 ? "" : "s"));
    }
    return String.join(" and ", parts);
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
