package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.api.TaskState;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;

/**
 * The CDN side of one call of the task: whether a purge is set up, what the plan says about it, and
 * the purge itself, with what is left to purge kept in the task's state.
 */
final class CdnPurge {
  private final TaskContext context;
  private final SitemapSettings settings;
  private final CloudflareSettings cloudflare;
  private final TaskState state;
  private final Logger log;

  CdnPurge(TaskContext context, SitemapSettings settings) {
    this.context = context;
    this.settings = settings;
    this.cloudflare = CloudflareSettings.read(settings.cloudflare());
    this.state = context.state();
    this.log = context.logger();
  }

  /** What one purge did. */
  record Result(PendingPurge purged, int requests) {}

  /**
   * Whether a token is set.
   *
   * @throws SettingsException when a token is set without a zone id
   */
  boolean configured() throws SettingsException {
    if (token().isEmpty()) {
      return false;
    }
    if (cloudflare.zoneId().isBlank()) {
      throw new SettingsException(
          "cloudflare.zoneId",
          "a Cloudflare token is set but no zoneId; set cloudflare.zoneId to the site's zone "
              + "id, or unset the token to skip the purge");
    }
    return true;
  }

  String notConfiguredNote() {
    return "purge skipped: Cloudflare not configured (set " + cloudflare.tokenVariable() + ")";
  }

  /** What is left to purge from earlier runs. */
  PendingPurge pending() {
    return Publication.pending(state);
  }

  /** The most URLs worth collecting: one more than the wholesale threshold. */
  int cap() {
    return cloudflare.everythingThreshold() + 1;
  }

  /** The plan's words for the purge a rewrite would bring, and what is left over. */
  String plan(ChangeSet changes, boolean rewrite) throws SettingsException {
    if (!configured()) {
      return notConfiguredNote();
    }
    List<String> parts = new ArrayList<>();
    if (rewrite) {
      parts.add(freshPlan(changes));
    }
    if (!pending().isEmpty()) {
      parts.add("purge " + pending().describe() + " left from an earlier run");
    }
    return String.join("; ", parts);
  }

  private String freshPlan(ChangeSet changes) {
    long urls = changes.changed() + changes.removed();
    if (urls <= cloudflare.everythingThreshold()) {
      return String.format("purge %,d changed and removed URLs and the sitemap files", urls);
    }
    String what =
        "everything".equals(cloudflare.everythingMode())
            ? "everything in the zone"
            : "hosts " + String.join(", ", siteHosts());
    return String.format(
        "purge %s (%,d changed and removed URLs, above " + "purgeEverythingThreshold %,d)",
        what, urls, cloudflare.everythingThreshold());
  }

  /**
   * Purges {@code fresh} and whatever earlier runs left, wholesale above the threshold. The state
   * holds what is left after every successful request, so a failure loses nothing.
   */
  Result run(PendingPurge fresh) throws Exception {
    PendingPurge all =
        pending()
            .plus(fresh)
            .escalated(cloudflare.everythingThreshold(), cloudflare.everythingMode(), siteHosts());
    Publication.writePending(state, all);
    OkHttpClient http =
        new OkHttpClient.Builder().callTimeout(context.timeout(cloudflare.timeout())).build();
    try {
      CloudflarePurger purger =
          new CloudflarePurger(
              http,
              cloudflare.httpBaseUrl(),
              cloudflare.zoneId(),
              token().orElseThrow(),
              context.services(),
              new PurgePacer(cloudflare.ratePerSecond()),
              cloudflare.batchSize(),
              context.clock());
      int requests =
          purger.purge(all, left -> Publication.writePending(state, left), context.cancellation());
      context.usage().add("purge_requests", requests);
      log.info(
          "Task '{}': purged {} from Cloudflare in {} requests",
          context.taskId(),
          all.describe(),
          requests);
      return new Result(all, requests);
    } catch (Exception e) {
      log.warn(
          "Task '{}': the purge failed; the sitemap stays published and {} are left to "
              + "purge on the next run",
          context.taskId(),
          pending().describe());
      throw e;
    } finally {
      http.connectionPool().evictAll();
    }
  }

  /** Queues URLs for the next purge without sending anything. */
  void queue(List<String> urls) {
    Publication.writePending(state, pending().plus(new PendingPurge(false, List.of(), urls)));
  }

  private List<String> siteHosts() {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(settings.siteUrl().getHost());
    hosts.add(URI.create(settings.location().url()).getHost());
    return new ArrayList<>(hosts);
  }

  private Optional<Secret> token() {
    return CloudflareSettings.token(settings.cloudflare(), context);
  }
}
