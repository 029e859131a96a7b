package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.NotifierContext;
import io.camarad.upkeep.api.RunMode;
import io.camarad.upkeep.api.RunStarted;
import io.camarad.upkeep.api.ServiceCalls;
import io.camarad.upkeep.api.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ConsoleNotifierTests {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ConsoleNotifier notifier = new ConsoleNotifier();

  ConsoleNotifierTests() {
    ConsoleNotifier.useWriters(new PrintWriter(out), new PrintWriter(err));
  }

  @AfterEach
  void restoreWriters() {
    ConsoleNotifier.useWriters(
        new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  @Test
  void isDiscoveredAsTheConsoleType() {
    assertThat(
            ServiceLoader.load(io.camarad.upkeep.api.Notifier.class).stream()
                .map(p -> p.get().type()))
        .contains("console");
  }

  @Test
  void printsTheRunSummaryWithCountsAndEachFailure() throws Exception {
    notifier.runFinished(context("stdout"), Reports.failedRun());

    assertThat(out.toString())
        .contains(
            "[notify] upkeep 'camarad-nightly' run"
                + " r-20261203-0300-abcd failed in 4.0s: 1 applied, 1 failed, 1 not run");
    assertThat(out.toString()).contains("pinecone failed: pinecone: HTTP 503");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void namesAFailureInOneShortLineNotTheWholeError() throws Exception {
    notifier.runFinished(context("stdout"), Reports.longFailureRun());

    assertThat(out.toString()).doesNotContain("THE-TAIL-OF-THE-MESSAGE");
    assertThat(out.toString())
        .contains("[notify]   mongo failed: Command failed with error" + " 11000")
        .contains("…");
    assertThat(out.toString().lines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).hasSizeLessThan(340));
  }

  @Test
  void announcesTheStartOfARun() throws Exception {
    notifier.runStarted(
        context("stdout"),
        new RunStarted(
            "r-1",
            "camarad-nightly",
            "host-1",
            RunMode.APPLY,
            Reports.START,
            List.of("mongo", "jwt")));

    assertThat(out.toString()).contains("apply started: run r-1 on host-1, 2 tasks");
  }

  @Test
  void writesToTheStandardErrorWhenAsked() throws Exception {
    notifier.runFinished(context("stderr"), Reports.succeeded());

    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("succeeded");
  }

  private static NotifierContext context(String stream) {
    Settings settings = new MapSettings("notifiers[0]", Map.of("stream", stream));
    return new NotifierContext() {
      @Override
      public Settings settings() {
        return settings;
      }

      @Override
      public ServiceCalls services() {
        return new ServiceCalls() {
          @Override
          public <T> T call(String service, Call<T> call) throws Exception {
            return call.attempt();
          }
        };
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public Logger logger() {
        return LoggerFactory.getLogger("test.console");
      }

      @Override
      public String engineVersion() {
        return "0.1.0";
      }
    };
  }
}
