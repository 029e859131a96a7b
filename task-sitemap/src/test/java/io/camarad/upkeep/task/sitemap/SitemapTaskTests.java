package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.TaskOutcome;
import io.camarad.upkeep.api.TaskPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitemapTaskTests {
  static final String TOKEN = "planted-cloudflare-token-8e41d07a";

  @TempDir Path temp;
  private Path source;
  private Path output;
  private CloudflareFake cloudflare;
  private TaskDriver driver;

  @BeforeEach
  void setUp() throws Exception {
    source = temp.resolve("pages.jsonl.gz");
    output = temp.resolve("site/sitemaps");
    cloudflare = new CloudflareFake(TOKEN, 100);
    driver = driver(task());
  }

  @AfterEach
  void tearDown() {
    cloudflare.close();
    driver.stop();
  }

  private static SitemapTask task() {
    return new SitemapTask();
  }

  private TaskDriver driver(SitemapTask task) {
    TaskDriver created = new TaskDriver(task, temp.resolve("state/sitemap"));
    created.settings.put("siteUrl", Corpus.SITE);
    created.settings.put("outputDir", output.toString());
    created.settings.put("source", Map.of("type", "jsonl", "file", source.toString(),
        "urlTemplate", "pages/{+id}"));
    created.settings.put("cloudflare", Map.of("zoneId", CloudflareFake.ZONE,
        "baseUrl", cloudflare.baseUrl().toString(), "purgeRatePerSecond", 1000.0));
    created.environment.put("CLOUDFLARE_API_TOKEN", TOKEN);
    return created;
  }

  private void snapshot(Path corpus) throws Exception {
    Files.copy(corpus, source, StandardCopyOption.REPLACE_EXISTING);
  }

  private Map<String, String> served() throws Exception {
    return SitemapFiles.servedUrls(output, "sitemap.xml");
  }

  @Test
  void firstRunPublishesEveryPageWithEscapedUrlsAndTheSourcesLastmod() throws Exception {
    snapshot(Corpus.MARCH);

    TaskDriver.Result result = driver.apply();

    assertThat(result.error()).isNull();
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(served()).containsKeys(Corpus.SITE + "pages/common/%21",
        Corpus.SITE + "pages/common/%24", Corpus.SITE + "pages/common/%5B");
    assertThat(result.outcome().counts()).containsEntry("urls", 6_243L)
        .containsEntry("added", 6_243L);
    assertThat(Files.readSymbolicLink(output.resolve("current")))
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
    june.forEach((url, lastmod) -> {
      if (march.containsKey(url) && !march.get(url).equals(lastmod)) {
        changed.add(url);
      }
    });
    assertThat(List.of(added.size(), removed.size(), changed.size()))
        .containsExactly(270, 9, 361);
    snapshot(Corpus.MARCH);
    driver.apply();
    cloudflare.purgedFiles.clear();
    snapshot(Corpus.JUNE);

    TaskPlan plan = driver.plan();
    TaskDriver.Result result = driver.apply();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.summary()).contains("270 added, 9 removed, 361 changed");
    assertThat(plan.changes()).filteredOn(c -> c.action().equals("remove")).hasSize(9)
        .allSatisfy(c -> assertThat(removed).contains(c.target()));
    assertThat(plan.changes()).filteredOn(c -> c.action().equals("add")).hasSize(10)
        .allSatisfy(c -> assertThat(added).contains(c.target()));
    assertThat(result.outcome().counts()).containsEntry("added", 270L)
        .containsEntry("removed", 9L).containsEntry("changed", 361L)
        .containsEntry("urls", 6_504L);
    Set<String> expectedPurge = new HashSet<>(changed);
    expectedPurge.addAll(removed);
    expectedPurge.add(Corpus.SITE + "sitemap.xml");
    assertThat(cloudflare.purgedFiles).hasSize(expectedPurge.size())
        .containsExactlyInAnyOrderElementsOf(expectedPurge);
    assertThat(cloudflare.fileBatches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(100));
    assertThat(served()).isEqualTo(june);
  }

  @Test
  void nothingChangedMeansUpToDateNoFileRewrittenAndNoPurge() throws Exception {
    snapshot(Corpus.MARCH);
    driver.apply();
    Path file = output.resolve(".generations/1/sitemap.xml");
    long modified = Files.getLastModifiedTime(file).toMillis();
    int requests = cloudflare.requests;

    TaskPlan plan = driver.plan();
    // The engine still applies when a dependency was due: the task must then change nothing.
    TaskOutcome outcome = driver.task.apply(driver.context(RunMode.APPLY), plan);

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(plan.summary()).contains("up to date: 6,243 URLs unchanged since generation 1");
    assertThat(outcome.summary()).startsWith("up to date");
    assertThat(Files.readSymbolicLink(output.resolve("current")))
        .isEqualTo(Path.of(".generations/1"));
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    assertThat(output.resolve(".generations/2")).doesNotExist();
    assertThat(cloudflare.requests).isEqualTo(requests);
  }

  @Test
  void aCrashBetweenWritingAndSwitchingLeavesTheOldGenerationServed() throws Exception {
    snapshot(Corpus.MARCH);
    driver.apply();
    TaskDriver crashing = driver(new SitemapTask(null, generation -> {
      throw new IllegalStateException("crash before serving generation " + generation);
    }));
    crashing.state.putAll(driver.state);
    snapshot(Corpus.JUNE);

    TaskDriver.Result result = crashing.apply();

    assertThat(result.error()).hasMessageContaining("crash before serving generation 2");
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(Files.readSymbolicLink(output.resolve("current")))
        .isEqualTo(Path.of(".generations/1"));
    assertThat(output.resolve(".generations/2")).doesNotExist();
    driver.state.clear();
    driver.state.putAll(crashing.state);
    TaskDriver.Result retry = driver.apply();
    assertThat(retry.outcome().counts()).containsEntry("changed", 361L);
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.JUNE));
    crashing.stop();
  }

  @Test
  void compensatingServesThePreviousGenerationAgain() throws Exception {
    snapshot(Corpus.MARCH);
    driver.apply();
    snapshot(Corpus.JUNE);
    driver.apply();
    assertThat(served()).hasSize(6_504);

    driver.compensate();

    assertThat(served()).isEqualTo(Corpus.urls(Corpus.MARCH));
    assertThat(Files.readSymbolicLink(output.resolve("current")))
        .isEqualTo(Path.of(".generations/1"));
    TaskPlan plan = driver.plan();
    assertThat(plan.summary()).contains("270 added, 9 removed, 361 changed");
  }

  @Test
  void aFailedPurgeFailsTheTaskKeepsTheSitemapAndFinishesOnTheNextRun() throws Exception {
    snapshot(Corpus.MARCH);
    driver.apply();
    snapshot(Corpus.JUNE);
    cloudflare.purgedFiles.clear();
    cloudflare.failNext(2, CloudflareFake.Fault.SUCCESS_FALSE);

    TaskDriver.Result failed = driver.apply();

    assertThat(failed.error()).hasMessageContaining("1134 Purge is temporarily disabled");
    assertThat(served()).isEqualTo(Corpus.urls(Corpus.JUNE));
    assertThat(cloudflare.purgedFiles).hasSize(200);
    List<String> firstPurged = List.copyOf(cloudflare.purgedFiles);

    TaskPlan plan = driver.plan();
    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.summary()).contains("purge 171 URLs left from an earlier run");
    TaskDriver.Result resumed = driver.apply();

    assertThat(resumed.error()).isNull();
    assertThat(cloudflare.purgedFiles).hasSize(371).doesNotHaveDuplicates()
        .containsAll(firstPurged);
    assertThat(driver.plan().kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
  }

  @Test
  void withoutATokenTheSitemapIsStillBuiltAndThePurgeIsSkippedVisibly() throws Exception {
    driver.environment.clear();
    snapshot(Corpus.MARCH);

    TaskPlan plan = driver.plan();
    TaskDriver.Result result = driver.apply();

    assertThat(plan.summary())
        .contains("purge skipped: Cloudflare not configured (set CLOUDFLARE_API_TOKEN)");
    assertThat(result.outcome().summary()).contains("purge skipped");
    assertThat(served()).hasSize(6_243);
    assertThat(cloudflare.requests).isZero();
  }

  @Test
  void aboveTheThresholdPurgesTheHostOrEverythingInstead() throws Exception {
    driver.settings.put("cloudflare", Map.of("zoneId", CloudflareFake.ZONE,
        "baseUrl", cloudflare.baseUrl().toString(), "purgeEverythingThreshold", 100));
    snapshot(Corpus.MARCH);
    driver.apply();
    snapshot(Corpus.JUNE);
    cloudflare.purgedFiles.clear();

    driver.apply();

    assertThat(cloudflare.purgedHosts).containsExactly("camarad.example");
    assertThat(cloudflare.purgedFiles).isEmpty();

    driver.settings.put("cloudflare", Map.of("zoneId", CloudflareFake.ZONE,
        "baseUrl", cloudflare.baseUrl().toString(), "purgeEverythingThreshold", 100,
        "purgeEverythingMode", "everything"));
    snapshot(Corpus.MARCH);
    driver.apply();
    assertThat(cloudflare.everything).isEqualTo(1);
  }

  @Test
  void thePlantedTokenAppearsInNoLogLineMessageOutcomeOrState() throws Exception {
    snapshot(Corpus.MARCH);
    driver.apply();
    snapshot(Corpus.JUNE);
    cloudflare.failNext(0, CloudflareFake.Fault.RATE_LIMITED, CloudflareFake.Fault.GARBAGE,
        CloudflareFake.Fault.GARBAGE);

    TaskDriver.Result failed = driver.apply();
    TaskDriver.Result resumed = driver.apply();

    assertThat(cloudflare.authorizations).contains("Bearer " + TOKEN);
    assertThat(failed.error()).isNotNull();
    assertThat(failed.error().toString()).doesNotContain(TOKEN);
    assertThat(resumed.outcome().summary()).doesNotContain(TOKEN);
    assertThat(driver.logLines()).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(TOKEN));
    assertThat(driver.state.values()).allSatisfy(v -> assertThat(v).doesNotContain(TOKEN));
    assertThat(driver.last.retried).allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN));
  }
}
