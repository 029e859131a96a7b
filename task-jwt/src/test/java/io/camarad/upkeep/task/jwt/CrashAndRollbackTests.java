package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrashAndRollbackTests {
  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final String SITE = "site/.well-known/jwks.json";
  private static final String MIRROR = "mirror/jwks.json";
  private static final String TOKEN = "planted-bearer-token-7f3a";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private final MockWebServer server = new MockWebServer();
  private final JwksHttpFake http = new JwksHttpFake(TOKEN);
  private JwtRig rig;
  private String crashAt = "";

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(http);
    server.start();
    rig = new JwtRig(temp, START);
    rig.checkpoint(
        (step, target) -> {
          if (crashAt.equals(step + ":" + target)) {
            throw new IllegalStateException("simulated crash at " + crashAt);
          }
        });
    rig.environment.put("JWKS_TOKEN", TOKEN);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  static Stream<Arguments> crashPoints() {
    return Stream.of(
        Arguments.of("ROLLBACK_KEPT:-1"),
        Arguments.of("RING_STAGED:-1"),
        Arguments.of("TARGET_PUBLISHED:0"),
        Arguments.of("TARGET_PUBLISHED:1"),
        Arguments.of("RING_COMMITTED:-1"));
  }

  @ParameterizedTest
  @MethodSource("crashPoints")
  void crashDuringARotationLeavesASigningKeyThatEveryTargetPublishes(String point)
      throws Exception {
    twoFileTargets();
    rig.apply();
    String next = keyIn(rig.ring(), KeyState.NEXT);
    rig.clock.advance(Duration.ofDays(30));

    crashAt = point;
    rig.applyAndCrash();

    assertSigningKeyPublishedEverywhere(rig.ring());
    crashAt = "";
    rig.clock.advance(Duration.ofMinutes(1));
    assertThat(rig.apply().error()).isNull();
    KeyRing ring = rig.ring();
    assertSigningKeyPublishedEverywhere(ring);
    assertThat(ring.active().orElseThrow().kid()).isEqualTo(next);
    assertThat(ring.entries()).filteredOn(k -> k.state() == KeyState.NEXT).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("crashPoints")
  void crashDuringTheFirstRunIsRepairedByTheNextRun(String point) throws Exception {
    twoFileTargets();
    crashAt = point;
    rig.applyAndCrash();

    crashAt = "";
    assertThat(rig.apply().error()).isNull();

    KeyRing ring = rig.ring();
    assertSigningKeyPublishedEverywhere(ring);
    assertThat(ring.entries()).filteredOn(k -> k.state() == KeyState.NEXT).hasSize(1);
  }

  @Test
  void failingTargetRollsBackTheRingAndEveryPublishedSet() throws Exception {
    fileAndHttpTargets();
    rig.apply();
    KeyRing ringBefore = rig.ring();
    String siteBefore = rig.read(SITE).orElseThrow();
    String httpBefore = http.current;
    rig.clock.advance(Duration.ofDays(30));
    http.failNext(400);

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).isInstanceOf(ServiceException.class).hasMessageContaining("400");
    assertThat(rig.ring()).isEqualTo(ringBefore);
    assertThat(rig.read(SITE)).contains(siteBefore);
    assertThat(JSON.readTree(http.current)).isEqualTo(JSON.readTree(httpBefore));
    assertThat(rig.plan().changes()).extracting(c -> c.action()).contains("activate");
  }

  @Test
  void failingFirstRunLeavesNoRingAndNoPublishedSet() throws Exception {
    fileAndHttpTargets();
    http.failNext(403);

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).isNotNull();
    assertThat(rig.ring()).isEqualTo(KeyRing.EMPTY);
    assertThat(rig.read(SITE)).isEmpty();
  }

  @Test
  void failedFirstRunPutsBackTheSetTheEndpointServedBefore() throws Exception {
    String foreign =
        JwkSetDocument.publicSetJson(
            new KeyRing(List.of(new KeyMinter(2048).mint(KeyAlgorithm.ES256, START))));
    http.current = foreign;
    rig.set(
        "targets",
        List.of(
            Map.of("type", "http", "url", server.url("/jwks").toString(), "token", "${JWKS_TOKEN}"),
            Map.of("type", "http", "url", "http://localhost:1/jwks", "token", "${JWKS_TOKEN}")));

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).isNotNull();
    assertThat(http.puts).hasSize(2);
    assertThat(http.current).isEqualTo(foreign);
  }

  @Test
  void compensationAfterASuccessfulRotationRestoresThePreviousRingAndSets() throws Exception {
    fileAndHttpTargets();
    rig.apply();
    KeyRing ringBefore = rig.ring();
    String siteBefore = rig.read(SITE).orElseThrow();
    rig.clock.advance(Duration.ofDays(30));
    JwtRig.Run rotation = rig.apply();
    assertThat(rig.ring()).isNotEqualTo(ringBefore);

    rig.compensate(rotation);

    assertThat(rig.ring()).isEqualTo(ringBefore);
    assertThat(rig.read(SITE)).contains(siteBefore);
    assertThat(JSON.readTree(http.current)).isEqualTo(JSON.readTree(siteBefore));
  }

  @Test
  void serverErrorsAreRetriedThroughTheServicePolicy() throws Exception {
    fileAndHttpTargets();
    http.failNext(503, 503);

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).isNull();
    assertThat(http.current).isEqualTo(rig.read(SITE).orElseThrow());
    // One GET for the rollback copy, then the PUT three times.
    assertThat(run.usage()).containsEntry("api_calls", 4L);
    assertThat(http.puts).hasSize(1);
  }

  @Test
  void bearerTokenNeverAppearsInLogsOrErrors() throws Exception {
    fileAndHttpTargets();
    rig.apply();
    rig.clock.advance(Duration.ofDays(30));
    http.failNext(401, 401, 401);
    rig.apply();

    assertThat(rig.errors).isNotEmpty().noneMatch(e -> e.contains(TOKEN));
    assertThat(rig.logLines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
  }

  private void twoFileTargets() {
    rig.set(
        "targets",
        List.of(Map.of("type", "file", "path", SITE), Map.of("type", "file", "path", MIRROR)));
  }

  private void fileAndHttpTargets() {
    rig.set(
        "targets",
        List.of(
            Map.of("type", "file", "path", SITE),
            Map.of(
                "type", "http", "url", server.url("/jwks").toString(), "token", "${JWKS_TOKEN}")));
  }

  private void assertSigningKeyPublishedEverywhere(KeyRing ring) throws Exception {
    assertThat(ring.entries()).filteredOn(k -> k.state() == KeyState.ACTIVE).hasSize(1);
    String active = ring.active().orElseThrow().kid();
    for (String target : List.of(SITE, MIRROR)) {
      assertThat(kids(rig.read(target).orElseThrow())).contains(active);
    }
  }

  private static List<String> kids(String set) throws Exception {
    List<String> kids = new ArrayList<>();
    for (JsonNode key : JSON.readTree(set).path("keys")) {
      kids.add(key.path("kid").asText());
    }
    return kids;
  }

  private static String keyIn(KeyRing ring, KeyState state) {
    return ring.keys().stream()
        .filter(k -> k.entry().state() == state)
        .findFirst()
        .orElseThrow()
        .kid();
  }
}
