package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.api.UndoReason;
import io.camarad.upkeep.testkit.MutableClock;
import io.camarad.upkeep.testkit.RunResult;
import io.camarad.upkeep.testkit.ServicePolicy;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import io.camarad.upkeep.testkit.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task run by the engine's own executor, state store, resilience and due rule. */
class JwtHarnessTests {
  private static final String TOKEN = "planted-bearer-secret-91c2";

  @TempDir Path temp;
  private final MockWebServer server = new MockWebServer();
  private final JwksHttpFake http = new JwksHttpFake(TOKEN);
  private final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  private GoogleFake google;
  private String kek;
  private Path site;

  @BeforeEach
  void setUp() throws Exception {
    google = new GoogleFake();
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request)
              throws InterruptedException {
            return request.getUrl().encodedPath().equals("/jwks")
                ? http.dispatch(request)
                : google.dispatch(request);
          }
        });
    server.start();
    google.tokenUri(server.url("/token").toString());
    kek = KeyStoreTests.newKek();
    site = temp.resolve("site/.well-known/jwks.json");
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void afterEachChangeTheNextRunIsUpToDateByTheEnginesDueRule() {
    TaskHarness h = harness(List.of(fileTarget()));

    assertThat(h.apply().status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(h.apply().status()).isEqualTo(TaskStatus.UP_TO_DATE);
    clock.advance(Duration.ofDays(30));
    assertThat(h.apply().status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(h.apply().status()).isEqualTo(TaskStatus.UP_TO_DATE);
    clock.advance(Duration.ofMinutes(70));
    RunResult removal = h.apply();

    assertThat(removal.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(removal.usage()).containsEntry("removed", 1L);
    assertThat(h.apply().status()).isEqualTo(TaskStatus.UP_TO_DATE);
  }

  @Test
  void failingTargetIsUndoneByTheEngine() throws Exception {
    TaskHarness h = harness(List.of(fileTarget(), httpTarget()));
    h.apply();
    String before = Files.readString(site);
    clock.advance(Duration.ofDays(30));
    http.failNext(400);

    RunResult run = h.apply();

    assertThat(run.status()).isEqualTo(TaskStatus.FAILED_UNDONE);
    assertThat(Files.readString(site)).isEqualTo(before);
    assertThat(http.current).isEqualTo(before);
    assertThat(h.plan().changes()).extracting(c -> c.action()).contains("activate", "retire");
  }

  @Test
  void compensationRestoresThePreviousRingAndSet() throws Exception {
    TaskHarness h = harness(List.of(fileTarget()));
    h.apply();
    String before = Files.readString(site);
    String activeBefore = h.state().get("activeKid");
    clock.advance(Duration.ofDays(30));
    h.apply();
    assertThat(h.state().get("activeKid")).isNotEqualTo(activeBefore);

    h.undo(UndoReason.COMPENSATE);

    assertThat(Files.readString(site)).isEqualTo(before);
    assertThat(h.plan().changes()).extracting(c -> c.target()).contains(activeBefore);
  }

  @Test
  void plantedSecretsStayOutOfLogsReportsAndErrors() throws Exception {
    TaskHarness h = harness(List.of(fileTarget(), httpTarget(), secretManagerTarget()));
    h.apply();
    clock.advance(Duration.ofDays(30));
    google.failSecretManager(403);
    RunResult failed = h.apply();
    http.failNext(401, 401, 401, 401);
    clock.advance(Duration.ofDays(30));
    RunResult refused = h.apply();

    List<String> seen = new ArrayList<>(h.logs());
    for (RunResult run : List.of(failed, refused)) {
      assertThat(run.status().failed()).isTrue();
      seen.add(run.summary());
      seen.add(String.valueOf(run.report().error()));
      run.error().ifPresent(e -> seen.add(e.toString()));
    }
    for (String privateScalar : privateScalars(h)) {
      assertThat(seen).noneMatch(line -> line.contains(privateScalar));
    }
    assertThat(seen)
        .isNotEmpty()
        .noneMatch(line -> line.contains(TOKEN))
        .noneMatch(line -> line.contains(kek))
        .noneMatch(line -> line.contains(google.privateKeyFragment()))
        .noneMatch(line -> line.contains("ya29.fake"));
  }

  @Test
  void endpointSlowerThanTheDeadlineFailsTheRunInsteadOfWaiting() throws Exception {
    server.close();
    try (MockWebServer slow = new MockWebServer()) {
      slow.enqueue(
          new mockwebserver3.MockResponse.Builder()
              .code(200)
              .body("{\"keys\":[]}")
              .headersDelay(30, java.util.concurrent.TimeUnit.SECONDS)
              .build());
      slow.start();
      Map<String, Object> target =
          Map.of("type", "http", "url", slow.url("/jwks").toString(), "token", "${JWKS_TOKEN}");
      TaskHarness h =
          TaskHarness.forTask(new JwtTask())
              .settings(Map.of("keyEncryptionKey", "${JWT_KEK}", "targets", List.of(target)))
              .environment(Map.of("JWT_KEK", kek, "JWKS_TOKEN", TOKEN))
              .service("jwks-http", ServicePolicy.fast().withMaxAttempts(1))
              .clock(Clock.systemUTC())
              .timeout(Duration.ofSeconds(2))
              .stateDirectory(temp.resolve(".upkeep"))
              .build();

      RunResult run = h.apply();

      assertThat(run.status().failed()).isTrue();
      assertThat(run.summary()).contains("passed its deadline");
    }
  }

  @Test
  void demonstrationSettingsBindAndPublishTheSiteSet() throws Exception {
    Map<String, Object> settings =
        Map.of(
            "algorithm", "ES256",
            "rotationPeriod", "30d",
            "tokenLifetime", "1h",
            "verifierCacheTtl", "10m",
            "keyStore", Map.of("type", "file"),
            "targets", List.of(Map.of("type", "file", "path", "site/.well-known/jwks.json")));
    TaskHarness h = harness(settings);

    RunResult run = h.apply();

    assertThat(run.status()).isEqualTo(TaskStatus.APPLIED);
    assertThat(run.summary()).contains("next change due 2026-01-31T03:00:00Z");
    try (var files = Files.walk(temp)) {
      assertThat(files.filter(f -> f.endsWith("site/.well-known/jwks.json"))).hasSize(1);
    }
    assertThat(h.dataDirectory().resolve("keys/ring.json")).exists();
  }

  @Test
  void settingsErrorsNameTheKey() {
    Map<String, Object> settings = new LinkedHashMap<>(baseSettings(List.of(fileTarget())));
    settings.put("rsaKeySize", 1024);

    assertThatThrownBy(() -> harness(settings))
        .isInstanceOf(SettingsProblemsException.class)
        .hasMessageContaining("rsaKeySize");
  }

  @Test
  void ringFileUnderTheEnginesDataDirectoryIsOwnerOnly() throws Exception {
    TaskHarness h = harness(List.of(fileTarget()));
    h.apply();

    Path ring = h.dataDirectory().resolve("keys/ring.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ring)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(ring)).contains("sealedPrivateJwk");
  }

  /** The private parts ({@code d}) of every key in the ring, read with the KEK. */
  private List<String> privateScalars(TaskHarness h) throws Exception {
    RingCodec codec = new RingCodec(java.util.Optional.of(JwtRig.encryption(kek)));
    KeyRing ring = new FileKeyStore(h.dataDirectory().resolve("keys"), codec).load().orElseThrow();
    List<String> scalars = new ArrayList<>();
    for (StoredKey key : ring.keys()) {
      scalars.add(
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(key.privateJwkJson())
              .path("d")
              .asText());
    }
    assertThat(scalars).hasSizeGreaterThanOrEqualTo(2).allMatch(d -> d.length() > 20);
    return scalars;
  }

  private TaskHarness harness(List<Map<String, Object>> targets) {
    return harness(baseSettings(targets));
  }

  private TaskHarness harness(Map<String, Object> settings) {
    return TaskHarness.forTask(new JwtTask())
        .settings(settings)
        .environment(
            Map.of(
                "JWT_KEK", kek,
                "JWKS_TOKEN", TOKEN,
                "GCP_SA_KEY", google.serviceAccountJson()))
        .service("jwks-http", ServicePolicy.fast())
        .service("gcp", ServicePolicy.fast())
        .clock((Clock) clock)
        .stateDirectory(temp.resolve(".upkeep"))
        .build();
  }

  private Map<String, Object> baseSettings(List<Map<String, Object>> targets) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("keyEncryptionKey", "${JWT_KEK}");
    settings.put("targets", targets);
    return settings;
  }

  private Map<String, Object> fileTarget() {
    return Map.of("type", "file", "path", site.toString());
  }

  private Map<String, Object> httpTarget() {
    return Map.of("type", "http", "url", server.url("/jwks").toString(), "token", "${JWKS_TOKEN}");
  }

  private Map<String, Object> secretManagerTarget() {
    return Map.of(
        "type", "gcp-secret-manager",
        "project", "demo-project",
        "secret", "jwt-signing-key",
        "serviceAccountKey", "${GCP_SA_KEY}",
        "secretManagerBaseUrl", server.url("/").toString());
  }
}
