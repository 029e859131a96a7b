package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static io.camarad.upkeep.core.Fixtures.protocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MetricsPushTests {
  private static final String PLANTED = "planted-push-secret-42";

  @TempDir Path stateDir;
  @RegisterExtension LogCapture logs = new LogCapture();
  private final MockWebServer pushgateway = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    pushgateway.start(0);
  }

  @AfterEach
  void stop() {
    pushgateway.close();
  }

  private Map<String, Object> pushTo(Map<String, Object> settings) {
    return protocol("metrics", Map.of("pushgateway", settings));
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = pushgateway.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a push reached the Pushgateway").isNotNull();
    return request;
  }

  @Test
  void anApplyIsPushedWithPostUnderItsJobWithBasicAuth() throws Exception {
    pushgateway.enqueue(new MockResponse.Builder().code(200).build());
    Map<String, Object> protocol =
        pushTo(
            Map.of(
                "url",
                pushgateway.url("/").toString(),
                "job",
                "nightly",
                "username",
                "ops",
                "password",
                "${PUSH_PASSWORD}"));

    try (Upkeep upkeep =
        engine(stateDir, protocol, FakeTasks.succeeding("a"))
            .environment(Map.of("PUSH_PASSWORD", PLANTED))
            .build()) {
      assertThat(upkeep.apply().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    RecordedRequest push = taken();
    assertThat(push.getMethod()).isEqualTo("POST");
    assertThat(push.getTarget()).isEqualTo("/metrics/job/nightly");
    assertThat(push.getHeaders().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("ops:" + PLANTED).getBytes(StandardCharsets.UTF_8)));
    String body = push.getBody().utf8();
    assertThat(body)
        .contains("upkeep_task_status{status=\"APPLIED\",task=\"a\"} 1")
        .contains("upkeep_run_last_success_timestamp_seconds")
        .contains("upkeep_task_last_success_timestamp_seconds{task=\"a\"}");
    assertThat(logs.text()).doesNotContain(PLANTED);
  }

  @Test
  void aFailedRunDoesNotSendTheRunsLastSuccessSoTheGatewayKeepsIt() throws Exception {
    pushgateway.enqueue(new MockResponse.Builder().code(200).build());
    Map<String, Object> protocol =
        pushTo(Map.of("url", pushgateway.url("/").toString(), "bearerToken", "${PUSH_TOKEN}"));

    try (Upkeep upkeep =
        engine(stateDir, protocol, FakeTasks.failing("bad"))
            .environment(Map.of("PUSH_TOKEN", PLANTED))
            .build()) {
      assertThat(upkeep.apply().status()).isEqualTo(RunStatus.FAILED);
    }

    RecordedRequest push = taken();
    assertThat(push.getMethod()).isEqualTo("POST");
    assertThat(push.getTarget()).isEqualTo("/metrics/job/upkeep");
    assertThat(push.getHeaders().get("Authorization")).isEqualTo("Bearer " + PLANTED);
    assertThat(push.getBody().utf8())
        .doesNotContain("upkeep_run_last_success_timestamp_seconds")
        .contains("upkeep_run_status{status=\"FAILED\"} 1");
  }

  @Test
  void aPathPrefixInTheUrlIsKept() throws Exception {
    pushgateway.enqueue(new MockResponse.Builder().code(202).build());
    Map<String, Object> protocol = pushTo(Map.of("url", pushgateway.url("/gateway/").toString()));

    try (Upkeep upkeep = engine(stateDir, protocol, FakeTasks.succeeding("a")).build()) {
      upkeep.apply();
    }

    assertThat(taken().getTarget()).isEqualTo("/gateway/metrics/job/upkeep");
  }

  @Test
  void aPushgatewayThatFailsOnlyWarnsAndNeverShowsTheSecret() throws Exception {
    pushgateway.enqueue(new MockResponse.Builder().code(500).body("gateway on fire").build());
    Map<String, Object> protocol =
        pushTo(
            Map.of(
                "url",
                pushgateway.url("/").toString(),
                "username",
                "ops",
                "password",
                "${PUSH_PASSWORD}"));

    try (Upkeep upkeep =
        engine(stateDir, protocol, FakeTasks.succeeding("a"))
            .environment(Map.of("PUSH_PASSWORD", PLANTED))
            .build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(logs.lines("WARN"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("metrics could not be pushed to http://")
                    .contains("500"));
    assertThat(logs.text()).doesNotContain(PLANTED);
  }

  @Test
  void planPushesNothing() throws Exception {
    Map<String, Object> protocol = pushTo(Map.of("url", pushgateway.url("/").toString()));
    try (Upkeep upkeep = engine(stateDir, protocol, FakeTasks.succeeding("a")).build()) {
      upkeep.plan();
    }

    assertThat(pushgateway.getRequestCount()).isZero();
  }

  @Test
  void badPushSettingsAreConfigurationProblems() {
    Map<String, Object> protocol =
        pushTo(Map.of("url", "ftp://user:pw@gateway:21/", "username", "ops"));

    assertThatThrownBy(() -> engine(stateDir, protocol, FakeTasks.succeeding("a")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::path)
                  .contains("metrics.pushgateway.url");
              assertThat(e.getMessage()).contains("http:// or https://").doesNotContain("pw@");
            });
  }
}
