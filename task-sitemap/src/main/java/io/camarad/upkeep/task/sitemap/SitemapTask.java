package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.Reversibility;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.api.UpkeepTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sitemap} task: rebuilds the sitemap files of a site from its pages and purges what
 * changed from the Cloudflare cache.
 *
 * <p>Each run streams the pages from the configured {@link PageSource}, checks every URL, compares
 * the pages with the manifest of the generation being served, and, when anything changed, writes a
 * new generation of sitemap files beside the old one and switches to it atomically (see {@link
 * Publisher}). Then it purges the changed and removed URLs and the sitemap files themselves from
 * Cloudflare, when a token is set. Undo restores the previous generation.
 *
 * @since 0.1
 */
public final class SitemapTask implements UpkeepTask {
  static final String ID = "sitemap";

  private final PageSources sources;
  private final FaultPoint beforeServe;

  /** Discovered by {@link java.util.ServiceLoader}; finds page sources the same way. */
  public SitemapTask() {
    this(null, generation -> {});
  }

  /** For tests: given sources (or discovery when {@code null}) and a hook before the switch. */
  SitemapTask(List<PageSource> sources, FaultPoint beforeServe) {
    this.sources = sources == null ? null : new PageSources(sources);
    this.beforeServe = beforeServe;
  }

  /** A point where tests make the task fail, as a crash would. */
  @FunctionalInterface
  interface FaultPoint {
    void reached(long generation) throws Exception;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "rebuilds the sitemap files from the site's pages and purges changed URLs from "
        + "Cloudflare";
  }

  @Override
  public SettingsSpec settingsSpec() {
    return SitemapSettings.spec(sources());
  }

  @Override
  public void validate(Settings settings) throws SettingsException {
    SitemapSettings.validate(settings, sources());
  }

  @Override
  public Reversibility reversibility() {
    return Reversibility.FULL;
  }

  @Override
  public TaskPlan plan(TaskContext context) throws Exception {
    SitemapRun run = new SitemapRun(context, SitemapSettings.read(context.settings()), sources());
    boolean purge = run.cdn().configured();
    ChangeSet changes = run.scan(null);
    run.warnRefusals(changes);
    Map<String, String> fingerprints = run.fingerprints(changes);
    Optional<String> why = run.whyRewrite(changes);
    PendingPurge pending = run.pendingPurge();
    if (why.isEmpty() && (pending.isEmpty() || !purge)) {
      return TaskPlan.upToDate(run.upToDateSummary(changes), fingerprints);
    }
    return TaskPlan.changes(
        planSummary(run, changes, why), planChanges(run, changes, why), fingerprints);
  }

  private static String planSummary(SitemapRun run, ChangeSet changes, Optional<String> why)
      throws Exception {
    List<String> parts = new ArrayList<>();
    if (why.isPresent()) {
      parts.add(
          String.format(
              "write generation %d: %,d URLs (%s; %s)",
              run.nextGeneration(), changes.urls(), changes.describe(), why.get()));
    }
    if (changes.refusals().refused() + changes.refusals().lastmodDropped() > 0) {
      parts.add("refused " + changes.refusals().describe());
    }
    parts.add(run.cdn().plan(changes, why.isPresent()));
    return String.join("; ", parts);
  }

  private static List<PlannedChange> planChanges(
      SitemapRun run, ChangeSet changes, Optional<String> why) throws Exception {
    List<PlannedChange> list = new ArrayList<>();
    if (why.isPresent()) {
      list.add(
          new PlannedChange(
              "publish",
              run.settings().outputDir().toString(),
              "generation " + run.nextGeneration() + ", " + why.get()));
    }
    changes.addedSample().forEach(url -> list.add(new PlannedChange("add", url, "")));
    changes.changedSample().forEach(url -> list.add(new PlannedChange("update", url, "")));
    changes.removedSample().forEach(url -> list.add(new PlannedChange("remove", url, "")));
    changes
        .refusals()
        .samples()
        .forEach(reason -> list.add(new PlannedChange("refuse", reason, "")));
    PendingPurge pending = run.pendingPurge();
    if (!pending.isEmpty()) {
      list.add(
          new PlannedChange(
              "purge", "cloudflare", "left from an earlier run: " + pending.describe()));
    }
    return list;
  }

  @Override
  public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
    SitemapRun run = new SitemapRun(context, SitemapSettings.read(context.settings()), sources());
    return run.apply(beforeServe);
  }

  @Override
  public void undo(TaskContext context, UndoReason reason) throws Exception {
    SitemapRun run = new SitemapRun(context, SitemapSettings.read(context.settings()), sources());
    if (reason == UndoReason.FAILED) {
      run.undoFailed();
    } else {
      run.compensate();
    }
  }

  @Override
  public Health health(TaskContext context) {
    try {
      SitemapRun run = new SitemapRun(context, SitemapSettings.read(context.settings()), sources());
      return run.health();
    } catch (Exception e) {
      return Health.down("cannot read the sitemap output: " + e.getMessage());
    }
  }

  private PageSources sources() {
    return sources != null ? sources : PageSources.discover();
  }
}
