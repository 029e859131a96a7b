package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Cancellation;
import io.camarad.upkeep.api.ProgressReporter;
import io.camarad.upkeep.task.sitemap.PageValidator.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a source: validates every entry, compares each URL with the previous generation,
 * and hands the accepted ones to a sink (the sitemap and manifest writers when applying, none when
 * planning). Then a pass over the previous manifest finds what was removed.
 */
final class PageScan {
  private static final int CANCEL_CHECK_EVERY = 1024;
  private static final int PROGRESS_EVERY = 100_000;

  private final PageValidator validator;
  private final int sampleSize;
  private final int purgeCap;

  private final List<String> addedSample = new ArrayList<>();
  private final List<String> changedSample = new ArrayList<>();
  private final List<String> removedSample = new ArrayList<>();
  private final List<String> refusalSample = new ArrayList<>();
  private final List<String> purge = new ArrayList<>();
  private long urls;
  private long added;
  private long changed;
  private long removed;
  private long invalid;
  private long outside;
  private long lastmodDropped;
  private boolean purgeOverflow;
  private long fingerprint = 17;

  PageScan(PageValidator validator, int sampleSize, int purgeCap) {
    this.validator = validator;
    this.sampleSize = sampleSize;
    this.purgeCap = purgeCap;
  }

  /** Receives each accepted URL. */
  @FunctionalInterface
  interface Sink {
    void accept(String loc, String lastmod) throws IOException;
  }

  /**
   * Runs the pass.
   *
   * @param previous the manifest being served, or {@code null} on the first run
   */
  ChangeSet run(
      PageCursor cursor,
      Previous previous,
      Sink sink,
      Cancellation cancellation,
      ProgressReporter progress)
      throws Exception {
    UrlHashTable table = new UrlHashTable(previous == null ? 1024 : previous.expected());
    if (previous != null) {
      previous.manifests().read(previous.generation(), table::putPrevious);
    }
    readSource(cursor, table, sink, cancellation, progress);
    if (previous != null) {
      previous
          .manifests()
          .read(
              previous.generation(),
              (loc, lastmod) -> {
                if (table.removed(loc)) {
                  removed++;
                  sample(removedSample, loc);
                  collectPurge(loc);
                }
              });
    }
    return result();
  }

  private void readSource(
      PageCursor cursor,
      UrlHashTable table,
      Sink sink,
      Cancellation cancellation,
      ProgressReporter progress)
      throws Exception {
    long read = 0;
    for (Optional<PageEntry> next = cursor.next(); next.isPresent(); next = cursor.next()) {
      if (++read % CANCEL_CHECK_EVERY == 0) {
        cancellation.throwIfCancelled();
      }
      if (read % PROGRESS_EVERY == 0) {
        progress.report(String.format("read %,d pages", read));
      }
      Verdict verdict = validator.check(next.get());
      if (verdict instanceof Verdict.Refused refused) {
        refuse(refused);
      } else {
        accept((Verdict.Accepted) verdict, table, sink);
      }
    }
  }

  private void accept(Verdict.Accepted url, UrlHashTable table, Sink sink) throws IOException {
    UrlHashTable.Seen seen = table.putCurrent(url.loc(), url.lastmod());
    if (seen == UrlHashTable.Seen.DUPLICATE) {
      invalid++;
      sample(refusalSample, url.origin() + ": duplicate URL " + url.loc());
      return;
    }
    if (url.lastmodProblem() != null) {
      lastmodDropped++;
      sample(refusalSample, url.lastmodProblem());
    }
    urls++;
    fingerprint = fingerprint * 31 + UrlHashTable.hash(url.loc());
    fingerprint = fingerprint * 31 + (url.lastmod() == null ? 0 : url.lastmod().hashCode());
    if (seen == UrlHashTable.Seen.ADDED) {
      added++;
      sample(addedSample, url.loc());
    } else if (seen == UrlHashTable.Seen.CHANGED) {
      changed++;
      sample(changedSample, url.loc());
      collectPurge(url.loc());
    }
    if (sink != null) {
      sink.accept(url.loc(), url.lastmod());
    }
  }

  private void refuse(Verdict.Refused refused) {
    if (refused.refusal() == PageValidator.Refusal.OUTSIDE_LOCATION) {
      outside++;
    } else {
      invalid++;
    }
    sample(refusalSample, refused.origin() + ": " + refused.reason());
  }

  private void collectPurge(String loc) {
    if (purge.size() < purgeCap) {
      purge.add(loc);
    } else {
      purgeOverflow = true;
    }
  }

  private void sample(List<String> list, String value) {
    if (list.size() < sampleSize) {
      list.add(value);
    }
  }

  private ChangeSet result() {
    return new ChangeSet(
        urls,
        added,
        changed,
        removed,
        addedSample,
        changedSample,
        removedSample,
        purge,
        purgeOverflow,
        new ChangeSet.Refusals(invalid, outside, lastmodDropped, refusalSample),
        Long.toHexString(fingerprint) + "-" + urls);
  }

  /**
   * The generation being served, to compare with.
   *
   * @param manifests where its manifest is
   * @param generation its number
   * @param expected how many URLs it holds (sizes the table)
   */
  record Previous(ManifestStore manifests, long generation, int expected) {}
}
