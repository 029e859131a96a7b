package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.testkit.DirectContext;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task through the engine's test kit, on the real corpus, against the Cloudflare fake. */
class SitemapTaskTests {
  static final String TOKEN = "planted-cloudflare-token-8e41d07a";

  @TempDir Path temp;
  private Path source;
  private Path output;
  private CloudflareFake cloudflare;
  private final Map<String, Object> cloudflareSettings = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    source = temp.resolve("pages.jsonl.gz");
    output = temp.resolve("site/sitemaps");
    cloudflare = new CloudflareFake(TOKEN, 100);
    cloudflareSettings.put("zoneId", CloudflareFake.ZONE);
    cloudflareSettings.put("baseUrl", cloudflare.baseUrl().toString());
    cloudflareSettings.put("purgeRatePerSecond", 1000.0);
    environment.put("CLOUDFLARE_API_TOKEN", TOKEN);
  }

  @AfterEach
  void tearDown() throws Exception {
    cloudflare.close();
    SitemapFiles.validateAll(output);
  }

  private TaskHarness harness() {
    return harness(new SitemapTask());
  }

  private Map<String, Object> settings() {
    return Map.of(
        "siteUrl", Corpus.SITE,
        "outputDir", output.toString(),
        "source", Map.of("type", "jsonl", "file", source.toString(), "urlTemplate", "pages/{+id}"),
        "cloudflare", Map.copyOf(cloudflareSettings));
  }

  private TaskHarness harness(SitemapTask task) {
    return TaskHarness.forTask(task)
        .settings(settings())
        .environment(environment)
        .service(CloudflarePurger.SERVICE, ServicePolicy.fast().withMaxAttempts(3))
        .stateDirectory(temp.resolve("state"))
        .build();
  }

  private Health health(SitemapTask task) throws Exception {
    try (DirectContext context = harness(task).context(RunMode.PLAN)) {
      return task.health(context);
    }
  }

  private void snapshot(Path corpus) throws Exception {
    Files.copy(corpus, source, StandardCopyOption.REPLACE_EXISTING);
  }

  private Map<String, String> served() throws Exception {
    return SitemapFiles.servedUrls(output, "sitemap.xml");
  }

  private static RunResult succeeded(RunResult result) {
    assertThat(result.error()).as("error of %s", result).isEmpty();
    return result;
  }

  @Test
  void firstRunPublishesEveryPageWithEscapedUrlsAndTheSourcesLastmod() throws Exception {
    snapshot(Corpus.MARCH);

    RunResult result = succeeded(harness().apply());

    assertThat(result.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(served())
        .containsKeys(
            Corpus.SITE + "pages/common/%21",
            Corpus.SITE + "pages/common/%24",
            Corpus.SITE + "pages/common/%5B");
    assertThat(result.outcome().counts())
        .containsEntry("urls", 6_243L)
        .containsEntry("added", 6_243L);
    assertThat(Files.readSymbolicLink(output.resolve(".current")))
        .isEqualTo(Path.of(".generations/1"));
    assertThat(cloudflare.purgedFiles).containsExactly(Corpus.SITE + "sitemap.xml");
  }

  @Test
  void theRealChangeBetweenSnapshotsPlansAndPurgesExactlyTheChangedAndRemovedUrls()
      throws Exception {
    Map<String, String> march = Corpus.urls(Corpus.MARCH);
    Map<String, String> june = Corpus.urls(Corpus.JUNE);
    Set<String> added = new HashSet<>(june.keySet());
    added.removeAll(march.keySet());
    Set<String> removed = new HashSet<>(march.keySet());
    removed.removeAll(june.keySet());
    Set<String> changed = new HashSet<>();
    june.forEach(
        (url, lastmod) -> {
          if (march.containsKey(url) && !march.get(url).equals(lastmod)) {
            changed.add(url);
          }
        });
    assertThat(List.of(added.size(), removed.size(), changed.size())).containsExactly(270, 9, 361);
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    cloudflare.purgedFiles.clear();
    snapshot(Corpus.JUNE);

    TaskPlan plan = harness().plan();
    RunResult result = succeeded(harness().apply());

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.summary())
        .contains("270 added, 9 removed, 361 changed")
        .contains("purge 370 changed and removed URLs and the sitemap files");
    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("remove"))
        .hasSize(9)
        .allSatisfy(c -> assertThat(removed).contains(c.target()));
    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("add"))
        .hasSize(10)
        .allSatisfy(c -> assertThat(added).contains(c.target()));
    assertThat(plan.changes())
        .filteredOn(c -> c.action().equals("update"))
        .hasSize(10)
        .allSatisfy(c -> assertThat(changed).contains(c.target()));
    assertThat(result.outcome().counts())
        .containsEntry("added", 270L)
        .containsEntry("removed", 9L)
        .containsEntry("changed", 361L)
        .containsEntry("urls", 6_504L);
    Set<String> expectedPurge = new HashSet<>(changed);
    expectedPurge.addAll(removed);
    expectedPurge.add(Corpus.SITE + "sitemap.xml");
    assertThat(cloudflare.purgedFiles)
        .hasSize(expectedPurge.size())
        .containsExactlyInAnyOrderElementsOf(expectedPurge);
    assertThat(cloudflare.fileBatches)
        .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
    assertThat(served()).isEqualTo(june);
  }

  @Test
  void nothingChangedMeansUpToDateNoFileRewrittenAndNoPurge() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    Path file = output.resolve(".generations/1/sitemap.xml");
    long modified = Files.getLastModifiedTime(file).toMillis();
    int requests = cloudflare.requests;

    TaskPlan plan = harness().plan();
    RunResult result = succeeded(harness().apply());

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(plan.summary()).contains("up to date: 6,243 URLs unchanged since generation 1");
    assertThat(result.status()).isEqualTo(TaskStatus.UP_TO_DATE);
    assertThat(Files.readSymbolicLink(output.resolve(".current")))
        .isEqualTo(Path.of(".generations/1"));
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    assertThat(output.resolve(".generations/2")).doesNotExist();
    assertThat(cloudflare.requests).isEqualTo(requests);
  }

  @Test
  void applyingWhenOnlyADependencyWasDueChangesNothing() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    Path file = output.resolve(".generations/1/sitemap.xml");
    long modified = Files.getLastModifiedTime(file).toMillis();
    // The engine applies a task whose plan is up to date when a task it depends on was due.
    SitemapTask task = new SitemapTask();
    TaskHarness harness = harness(task);
    TaskPlan plan;
    try (DirectContext planning = harness.context(RunMode.PLAN)) {
      plan = task.plan(planning);
    }

    TaskOutcome outcome;
    try (DirectContext applying = harness.context(RunMode.APPLY)) {
      outcome = task.apply(applying, plan);
    }

    assertThat(outcome.summary()).startsWith("up to date");
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    assertThat(output.resolve(".generations/2")).doesNotExist();
  }

  @Test
  void healthSaysWhichGenerationIsServed() throws Exception {
    SitemapTask task = new SitemapTask();
    assertThat(health(task).status()).isEqualTo(Health.Status.UNKNOWN);
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());

    Health health = health(task);

    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.detail())
        .isEqualTo(
            "serving generation 1: 6,243 URLs in 1 file(s) at "
                + "https://camarad.example/sitemap.xml");
  }

  @Test
  void aCrashBetweenWritingAndSwitchingLeavesTheOldGenerationServed() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);

    RunResult crashed =
        harness(
                new SitemapTask(
                    null,
                    generation -> {
                      assertThat(output.resolve(".generations/" + generation + "/sitemap.xml"))
                          .exists();
                      throw new IllegalStateException(
                          "crash before serving generation " + generation);
                    }))
            .apply();

    assertThat(crashed.error()).get().asString().contains("crash before serving generation 2");
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(Files.readSymbolicLink(output.resolve(".current")))
        .isEqualTo(Path.of(".generations/1"));
    assertThat(output.resolve(".generations/2")).doesNotExist();

    RunResult retry = succeeded(harness().apply());
    assertThat(retry.outcome().counts()).containsEntry("changed", 361L);
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.JUNE));
  }

  @Test
  void aTaskPastItsDeadlineStopsReadingAndLeavesTheOldGenerationServed() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);

    RunResult late =
        TaskHarness.forTask(new SitemapTask())
            .settings(settings())
            .environment(environment)
            .stateDirectory(temp.resolve("state"))
            .timeout(java.time.Duration.ofMillis(1))
            .build()
            .apply();

    assertThat(late.status().failed()).isTrue();
    assertThat(late.error()).get().asString().contains("passed its deadline");
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(output.resolve(".generations/2")).doesNotExist();
  }

  @Test
  void compensatingServesThePreviousGenerationAgain() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);
    TaskHarness second = harness();
    succeeded(second.apply());
    assertThat(served()).hasSize(6_504);

    second.undo(UndoReason.COMPENSATE);

    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(Files.readSymbolicLink(output.resolve(".current")))
        .isEqualTo(Path.of(".generations/1"));
    TaskPlan plan = harness().plan();
    assertThat(plan.summary())
        .contains("270 added, 9 removed, 361 changed")
        .contains("left from an earlier run");
  }

  @Test
  void aFailedPurgeFailsTheTaskKeepsTheSitemapAndFinishesOnTheNextRun() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);
    cloudflare.purgedFiles.clear();
    cloudflare.failNext(2, CloudflareFake.Fault.SUCCESS_FALSE);

    RunResult failed = harness().apply();

    assertThat(failed.status().failed()).isTrue();
    assertThat(failed.error()).get().asString().contains("1134 Purge is temporarily disabled");
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.JUNE));
    assertThat(cloudflare.purgedFiles).hasSize(200);
    List<String> firstPurged = List.copyOf(cloudflare.purgedFiles);

    TaskPlan plan = harness().plan();
    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.summary()).contains("purge 171 URLs left from an earlier run");
    succeeded(harness().apply());

    assertThat(cloudflare.purgedFiles)
        .hasSize(371)
        .doesNotHaveDuplicates()
        .containsAll(firstPurged);
    assertThat(harness().plan().kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
  }

  @Test
  void theEngineRetriesARateLimitedPurgeAfterItsRetryAfter() throws Exception {
    cloudflare.retryAfterSeconds = 1;
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);
    cloudflare.purgedFiles.clear();
    cloudflare.failNext(1, CloudflareFake.Fault.RATE_LIMITED);

    succeeded(harness().apply());

    assertThat(cloudflare.rateLimited).isEqualTo(1);
    assertThat(cloudflare.purgedFiles).hasSize(371).doesNotHaveDuplicates();
  }

  @Test
  void withoutATokenTheSitemapIsStillBuiltAndThePurgeIsSkippedVisibly() throws Exception {
    environment.clear();
    snapshot(Corpus.MARCH);

    TaskPlan plan = harness().plan();
    RunResult result = succeeded(harness().apply());

    assertThat(plan.summary())
        .contains("purge skipped: Cloudflare not configured (set CLOUDFLARE_API_TOKEN)");
    assertThat(result.summary()).contains("purge skipped");
    assertThat(served()).hasSize(6_243);
    assertThat(cloudflare.requests).isZero();
  }

  @Test
  void aboveTheThresholdPurgesTheHostOrEverythingInstead() throws Exception {
    cloudflareSettings.put("purgeEverythingThreshold", 100);
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);
    cloudflare.purgedFiles.clear();

    TaskPlan plan = harness().plan();
    succeeded(harness().apply());

    assertThat(plan.summary())
        .contains(
            "purge hosts camarad.example (370 changed and removed "
                + "URLs, above purgeEverythingThreshold 100)");
    assertThat(cloudflare.purgedHosts).containsExactly("camarad.example");
    assertThat(cloudflare.purgedFiles).isEmpty();

    cloudflareSettings.put("purgeEverythingMode", "everything");
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    assertThat(cloudflare.everything).isEqualTo(1);
  }

  @Test
  void thePlantedTokenAppearsInNoLogLineMessageOutcomeOrState() throws Exception {
    snapshot(Corpus.MARCH);
    succeeded(harness().apply());
    snapshot(Corpus.JUNE);
    cloudflare.failNext(
        0,
        CloudflareFake.Fault.GARBAGE,
        CloudflareFake.Fault.SERVER_ERROR,
        CloudflareFake.Fault.SUCCESS_FALSE);
    TaskHarness failing = harness();

    RunResult failed = failing.apply();
    TaskHarness resuming = harness();
    RunResult resumed = succeeded(resuming.apply());

    assertThat(cloudflare.authorizations).contains("Bearer " + TOKEN);
    assertThat(failed.error()).get().asString().contains("1134").doesNotContain(TOKEN);
    assertThat(failed.toString()).doesNotContain(TOKEN);
    assertThat(resumed.summary()).doesNotContain(TOKEN);
    assertThat(failing.logs())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
    assertThat(resuming.logs()).allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
    assertThat(resuming.state().values())
        .allSatisfy(value -> assertThat(value).doesNotContain(TOKEN));
    try (var files = Files.walk(temp)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().endsWith(".gz"))
          .forEach(f -> assertThat(readQuietly(f)).as(f.toString()).doesNotContain(TOKEN));
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
