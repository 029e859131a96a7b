package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;

/** One call of the sitemap task: what plan, apply and undo share. */
final class SitemapRun {
  private final TaskContext context;
  private final SitemapSettings settings;
  private final PageSources sources;
  private final Publisher publisher;
  private final ManifestStore manifests;
  private final TaskState state;
  private final Logger log;
  private final Optional<Publication> current;
  private final CdnPurge cdn;

  SitemapRun(TaskContext context, SitemapSettings settings, PageSources sources) {
    this.context = context;
    this.settings = settings;
    this.sources = sources;
    this.publisher = new Publisher(settings.outputDir());
    this.manifests = new ManifestStore(context.dataDirectory());
    this.state = context.state();
    this.log = context.logger();
    this.current = Publication.read(state, Publication.CURRENT);
    this.cdn = new CdnPurge(context, settings);
  }

  SitemapSettings settings() {
    return settings;
  }

  // ---- scanning and planning ----

  /** One pass over the source, compared with the generation being served. */
  ChangeSet scan(PageScan.Sink sink) throws Exception {
    String type = settings.source().string("type");
    PageSource source =
        sources
            .find(type)
            .orElseThrow(
                () -> new SettingsException("source.type", "unknown source type '" + type + "'"));
    PageScan.Previous previous =
        current
            .filter(publication -> manifests.exists(publication.generation()))
            .map(
                publication ->
                    new PageScan.Previous(
                        manifests,
                        publication.generation(),
                        (int) Math.min(publication.urls(), 1 << 28)))
            .orElse(null);
    PageValidator validator = new PageValidator(settings.siteUrl(), settings.location());
    PageScan scan = new PageScan(validator, settings.sampleSize(), cdn.cap());
    try (PageCursor cursor = source.open(context, settings.source())) {
      return scan.run(cursor, previous, sink, context.cancellation(), context.progress());
    }
  }

  /** Why the files must be written again, or empty when the served ones are current. */
  Optional<String> whyRewrite(ChangeSet changes) throws IOException {
    if (current.isEmpty()) {
      return Optional.of("first generation");
    }
    OptionalLong served = publisher.served();
    if (served.isEmpty() || served.getAsLong() != current.get().generation()) {
      return Optional.of("generation " + current.get().generation() + " is not being served");
    }
    if (!current.get().settings().equals(settings.fingerprint())) {
      return Optional.of("settings changed");
    }
    return changes.hasChanges() ? Optional.of("pages changed") : Optional.empty();
  }

  long nextGeneration() throws IOException {
    long recorded = current.map(Publication::generation).orElse(0L);
    return Math.max(recorded, publisher.highestOnDisk()) + 1;
  }

  /**
   * The inputs: the pages and the settings. What was served or is left to purge is output, not
   * input; it makes the plan {@code CHANGES} instead (see {@link #whyRewrite}).
   */
  Map<String, String> fingerprints(ChangeSet changes) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("source", changes.fingerprint());
    fingerprints.put("settings", settings.fingerprint());
    return fingerprints;
  }

  String upToDateSummary(ChangeSet changes) {
    Publication publication = current.orElseThrow();
    String summary =
        String.format(
            "up to date: %,d URLs unchanged since generation %d (run %s)",
            changes.urls(), publication.generation(), publication.runId());
    PendingPurge pending = pendingPurge();
    if (!pending.isEmpty()) {
      summary +=
          "; "
              + cdn.notConfiguredNote()
              + ", so "
              + pending.describe()
              + " left to purge stay pending";
    }
    return summary;
  }

  void warnRefusals(ChangeSet changes) {
    ChangeSet.Refusals refusals = changes.refusals();
    if (refusals.refused() + refusals.lastmodDropped() > 0) {
      log.warn(
          "Task '{}': {}; first: {}", context.taskId(), refusals.describe(), refusals.samples());
    }
  }

  PendingPurge pendingPurge() {
    return cdn.pending();
  }

  CdnPurge cdn() {
    return cdn;
  }

  // ---- apply ----

  TaskOutcome apply(SitemapTask.FaultPoint beforeServe) throws Exception {
    boolean purge = cdn.configured();
    long generation = nextGeneration();
    Written written = write(generation);
    if (written.names() == null) {
      state.remove(Publication.LAST_APPLY_PUBLISHED);
      return upToDate(written.changes(), purge);
    }
    beforeServe.reached(generation);
    serve(generation, written);
    Outcome outcome = new Outcome(generation, written);
    if (!purge) {
      log.info("Task '{}': {}", context.taskId(), cdn.notConfiguredNote());
      return outcome.toTaskOutcome(cdn.notConfiguredNote(), 0, 0);
    }
    PendingPurge fresh = new PendingPurge(false, List.of(), purgeUrls(written));
    return purge(fresh, outcome);
  }

  private Written write(long generation) throws Exception {
    Path directory = publisher.prepare(generation);
    ManifestStore.Writer manifest = manifests.create(generation);
    SitemapWriter writer = SitemapWriter.create(directory, settings.format());
    try {
      ChangeSet changes =
          scan(
              (loc, lastmod) -> {
                writer.add(loc, lastmod);
                manifest.add(loc, lastmod);
              });
      warnRefusals(changes);
      if (whyRewrite(changes).isEmpty()) {
        discard(generation, writer, manifest);
        return new Written(changes, null);
      }
      requireUrls(changes);
      List<String> names = writer.finish();
      manifest.commit();
      return new Written(changes, names);
    } catch (Exception | Error e) {
      discard(generation, writer, manifest);
      throw e;
    }
  }

  private void discard(long generation, SitemapWriter writer, ManifestStore.Writer manifest)
      throws IOException {
    writer.close();
    manifest.abandon();
    publisher.discard(generation);
  }

  private static void requireUrls(ChangeSet changes) {
    if (changes.urls() == 0) {
      throw new IllegalStateException(
          "the source gave no valid URL ("
              + changes.refusals().describe()
              + "; first: "
              + changes.refusals().samples()
              + "); nothing was published and the served sitemap, if any, is kept; check the "
              + "source and siteUrl");
    }
  }

  private void serve(long generation, Written written) throws IOException {
    List<String> oldNames = current.map(Publication::files).orElse(List.of());
    publisher.serve(generation, written.names(), oldNames);
    updateRobots(written.names());
    Publication published =
        new Publication(
            generation,
            written.names(),
            written.changes().urls(),
            settings.fingerprint(),
            context.runId());
    Publication.write(state, Publication.CURRENT, published);
    state.put(Publication.LAST_APPLY_PUBLISHED, Long.toString(generation));
    if (current.isPresent()) {
      Publication.write(state, Publication.PREVIOUS, current.get());
    } else {
      state.remove(Publication.PREVIOUS);
    }
    Set<Long> keep = new HashSet<>(Set.of(generation));
    current.ifPresent(previous -> keep.add(previous.generation()));
    publisher.retainOnly(keep);
    manifests.retainOnly(keep);
    context.usage().add("urls_written", written.changes().urls());
    log.info(
        "Task '{}': serving generation {} with {} URLs in {} files ({})",
        context.taskId(),
        generation,
        written.changes().urls(),
        written.names().size(),
        written.changes().describe());
  }

  private void updateRobots(List<String> names) throws IOException {
    if (settings.robotsTxt() == null) {
      return;
    }
    String ours = settings.location().fileUrl(settings.format().baseName());
    String index = names == null ? null : settings.location().fileUrl(names.get(0));
    if (RobotsTxt.update(settings.robotsTxt(), ours, index)) {
      log.info("Task '{}': {} now names {}", context.taskId(), settings.robotsTxt(), index);
    }
  }

  private List<String> purgeUrls(Written written) {
    Set<String> urls = new LinkedHashSet<>(written.changes().purge());
    Set<String> files = new LinkedHashSet<>(written.names());
    current.ifPresent(old -> files.addAll(old.files()));
    files.forEach(name -> urls.add(settings.location().fileUrl(name)));
    return new ArrayList<>(urls);
  }

  private TaskOutcome upToDate(ChangeSet changes, boolean purge) throws Exception {
    String summary = upToDateSummary(changes);
    PendingPurge pending = pendingPurge();
    if (!purge || pending.isEmpty()) {
      return new TaskOutcome(summary, Map.of("urls", changes.urls()));
    }
    Outcome outcome = new Outcome(current.orElseThrow().generation(), null);
    return purge(PendingPurge.NONE, outcome);
  }

  private TaskOutcome purge(PendingPurge fresh, Outcome outcome) throws Exception {
    CdnPurge.Result result = cdn.run(fresh);
    return outcome.toTaskOutcome(
        "purged " + result.purged().describe(), result.requests(), result.purged().files().size());
  }

  // ---- undo ----

  /** After a failed apply: removes an unpublished generation, keeps a published one. */
  void undoFailed() throws IOException {
    if (current.isPresent() && current.get().runId().equals(context.runId())) {
      log.warn(
          "Task '{}': kept generation {}, published before the failure; {} left to purge "
              + "on the next run",
          context.taskId(),
          current.get().generation(),
          pendingPurge().describe());
      return;
    }
    Set<Long> keep = new HashSet<>();
    current.ifPresent(publication -> keep.add(publication.generation()));
    Publication.read(state, Publication.PREVIOUS)
        .ifPresent(publication -> keep.add(publication.generation()));
    publisher.retainOnly(keep);
    manifests.retainOnly(keep);
    log.info(
        "Task '{}': removed what the failed run left unpublished; generation {} is still "
            + "served",
        context.taskId(),
        current.map(p -> Long.toString(p.generation())).orElse("none"));
  }

  /**
   * After a successful apply: serves the previous generation again. Only the generation the last
   * apply published is withdrawn; an apply that found the sitemap up to date leaves nothing to
   * compensate.
   */
  void compensate() throws IOException {
    String published = state.get(Publication.LAST_APPLY_PUBLISHED).orElse("");
    if (current.isEmpty() || !published.equals(Long.toString(current.get().generation()))) {
      log.info(
          "Task '{}': the last apply published nothing; nothing to compensate", context.taskId());
      return;
    }
    state.remove(Publication.LAST_APPLY_PUBLISHED);
    Publication undone = current.get();
    Optional<Publication> previous =
        Publication.read(state, Publication.PREVIOUS)
            .filter(p -> Files.isDirectory(publisher.directory(p.generation())));
    if (previous.isPresent()) {
      restore(previous.get(), undone);
    } else {
      publisher.unserve(undone.files());
      updateRobots(null);
      state.remove(Publication.CURRENT);
      log.info(
          "Task '{}': withdrew generation {}; no sitemap is served",
          context.taskId(),
          undone.generation());
    }
    state.remove(Publication.PREVIOUS);
    publisher.discard(undone.generation());
    manifests.delete(undone.generation());
    Set<String> files = new LinkedHashSet<>(undone.files());
    previous.ifPresent(p -> files.addAll(p.files()));
    cdn.queue(files.stream().map(settings.location()::fileUrl).toList());
  }

  private void restore(Publication previous, Publication undone) throws IOException {
    publisher.serve(previous.generation(), previous.files(), undone.files());
    updateRobots(previous.files());
    Publication.write(state, Publication.CURRENT, previous);
    log.info(
        "Task '{}': serving generation {} again instead of {}",
        context.taskId(),
        previous.generation(),
        undone.generation());
  }

  // ---- health ----

  Health health() throws IOException {
    OptionalLong served = publisher.served();
    if (current.isEmpty() || served.isEmpty()) {
      return Health.unknown("no sitemap published yet in " + settings.outputDir());
    }
    Publication publication = current.get();
    String detail =
        String.format(
            "serving generation %d: %,d URLs in %d file(s) at %s",
            served.getAsLong(),
            publication.urls(),
            publication.files().size(),
            settings.location().fileUrl(publication.files().get(0)));
    boolean consistent = served.getAsLong() == publication.generation();
    Health health =
        consistent
            ? Health.up(detail)
            : Health.down(detail + ", but generation " + publication.generation() + " is recorded");
    return health.withFacts(
        Map.of(
            "generation",
            Long.toString(served.getAsLong()),
            "urls",
            Long.toString(publication.urls())));
  }

  /** What one write produced: the change set, and the file names ({@code null}: unchanged). */
  private record Written(ChangeSet changes, List<String> names) {}

  /** The counts an apply reports. */
  private record Outcome(long generation, Written written) {
    TaskOutcome toTaskOutcome(String purgeNote, int requests, long purgedUrls) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("purge_requests", (long) requests);
      counts.put("purged_urls", purgedUrls);
      if (written == null) {
        return new TaskOutcome("sitemap up to date; " + purgeNote, counts);
      }
      ChangeSet changes = written.changes();
      counts.put("urls", changes.urls());
      counts.put("files", (long) written.names().size());
      counts.put("added", changes.added());
      counts.put("changed", changes.changed());
      counts.put("removed", changes.removed());
      counts.put("refused", changes.refusals().refused());
      counts.put("lastmod_dropped", changes.refusals().lastmodDropped());
      String summary =
          String.format(
              "published generation %d: %,d URLs in %d file(s) (%s)",
              generation, changes.urls(), written.names().size(), changes.describe());
      if (changes.refusals().refused() > 0) {
        summary += String.format("; refused %,d URLs", changes.refusals().refused());
      }
      return new TaskOutcome(summary + "; " + purgeNote, counts);
    }
  }
}
