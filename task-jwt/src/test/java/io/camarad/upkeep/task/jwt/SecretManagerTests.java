package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretManagerTests {
  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final String SITE = "site/.well-known/jwks.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private final MockWebServer server = new MockWebServer();
  private GoogleFake google;
  private JwtRig rig;
  private String kek;

  @BeforeEach
  void setUp() throws Exception {
    google = new GoogleFake();
    server.setDispatcher(google);
    server.start();
    google.tokenUri(server.url("/token").toString());
    kek = KeyStoreTests.newKek();
    rig = new JwtRig(temp, START);
    rig.environment.put("GCP_SA_KEY", google.serviceAccountJson());
    rig.environment.put("JWT_KEK", kek);
    rig.set("keyEncryptionKey", "${JWT_KEK}");
    rig.set("targets", List.of(Map.of("type", "file", "path", SITE), secretManager(Map.of())));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void eachRotationAddsOneVersionHoldingTheActiveSigningKey() throws Exception {
    rig.apply();
    rig.apply();
    assertThat(google.versions).hasSize(1);
    assertSecretHoldsActiveKey();

    rig.clock.advance(Duration.ofDays(30));
    rig.apply();

    assertThat(google.problems).isEmpty();
    assertThat(google.versions).hasSize(2);
    assertSecretHoldsActiveKey();
  }

  @Test
  void removingARetiredKeyAddsNoVersionSinceTheSigningKeyIsUnchanged() throws Exception {
    rig.apply();
    rig.clock.advance(Duration.ofDays(30));
    rig.apply();
    rig.clock.advance(Duration.ofMinutes(70));
    assertThat(rig.plan().changes())
        .extracting(c -> c.action() + " " + c.target())
        .containsExactly("remove " + removedKid(), "publish file " + temp.resolve(SITE));

    JwtRig.Run removal = rig.apply();

    assertThat(removal.outcome().counts()).containsEntry("removed", 1L);
    assertThat(google.versions).hasSize(2);
  }

  @Test
  void failedFirstRunDisablesTheVersionItAdded() throws Exception {
    rig.set(
        "targets",
        List.of(
            secretManager(Map.of()),
            Map.of("type", "http", "url", "http://localhost:1/jwks", "token", "${JWT_KEK}")));

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).isNotNull();
    assertThat(google.versions).hasSize(1);
    String version = "projects/demo-project/secrets/jwt-signing-key/versions/1";
    assertThat(google.enabled).containsExactly(Map.entry(version, false));
    assertThat(google.problems).isEmpty();
  }

  @Test
  void tokenSignedWithTheKeyFromSecretManagerVerifiesAgainstThePublishedSet() throws Exception {
    rig.apply();
    StoredKey fromSecret =
        new StoredKey(rig.ring().active().orElseThrow().entry(), google.latestVersionData());

    String token = TestTokens.sign(fromSecret, rig.clock.instant(), Duration.ofHours(1));

    String set = rig.read(SITE).orElseThrow();
    assertThat(NimbusVerifier.verify(token, set, rig.clock.instant()).getSubject())
        .isEqualTo("user-42");
  }

  @Test
  void assertionForAnotherAudienceIsRefusedAndTheRunRollsBack() throws Exception {
    rig.set(
        "targets",
        List.of(
            Map.of("type", "file", "path", SITE),
            secretManager(Map.of("tokenUri", server.url("/token?aud=wrong").toString()))));

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).hasMessageContaining("token exchange").hasMessageContaining("400");
    assertThat(google.problems).anyMatch(p -> p.contains("aud"));
    assertThat(google.versions).isEmpty();
    assertThat(rig.ring()).isEqualTo(KeyRing.EMPTY);
    assertThat(rig.read(SITE)).isEmpty();
  }

  @Test
  void refusedAddVersionRollsBackTheRotation() throws Exception {
    rig.apply();
    KeyRing before = rig.ring();
    String siteBefore = rig.read(SITE).orElseThrow();
    rig.clock.advance(Duration.ofDays(30));
    google.failSecretManager(403);

    JwtRig.Run run = rig.apply();

    assertThat(run.error()).hasMessageContaining("403");
    assertThat(rig.ring()).isEqualTo(before);
    assertThat(rig.read(SITE)).contains(siteBefore);
    String latestKid = JSON.readTree(google.latestVersionData()).path("kid").asText();
    assertThat(latestKid).isEqualTo(before.active().orElseThrow().kid());
  }

  @Test
  void compensationAddsAVersionWithThePreviousSigningKey() throws Exception {
    rig.apply();
    String firstKid = rig.ring().active().orElseThrow().kid();
    rig.clock.advance(Duration.ofDays(30));
    JwtRig.Run rotation = rig.apply();

    rig.compensate(rotation);

    assertThat(google.versions).hasSize(3);
    assertThat(JSON.readTree(google.latestVersionData()).path("kid").asText()).isEqualTo(firstKid);
  }

  @Test
  void unavailableSecretManagerIsRetried() throws Exception {
    google.failSecretManager(503, 503);

    assertThat(rig.apply().error()).isNull();

    assertThat(google.versions).hasSize(1);
  }

  @Test
  void serviceAccountKeyAndKeyEncryptionKeyNeverAppearInLogsOrErrors() throws Exception {
    rig.apply();
    rig.clock.advance(Duration.ofDays(30));
    google.failSecretManager(500, 500, 500, 500, 500, 500);
    rig.apply();
    rig.set("targets", List.of(secretManager(Map.of("tokenUri", "http://localhost:1/token"))));
    rig.clock.advance(Duration.ofDays(30));
    rig.apply();

    List<String> seen = new java.util.ArrayList<>(rig.logLines());
    seen.addAll(rig.errors);
    assertThat(rig.errors).isNotEmpty();
    assertThat(seen)
        .noneMatch(line -> line != null && line.contains(google.privateKeyFragment()))
        .noneMatch(line -> line != null && line.contains(kek))
        .noneMatch(line -> line != null && line.contains("ya29.fake"));
  }

  @Test
  void unreadableServiceAccountKeyNamesTheSettingNotTheValue() {
    rig.environment.put("GCP_SA_KEY", "{\"client_email\": \"x@y\", \"private_key\": \"oops-42\"}");

    assertThatThrownBy(rig::plan)
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("GCP_SA_KEY")
        .hasMessageContaining("PKCS#8")
        .hasMessageNotContaining("oops-42")
        .satisfies(
            e ->
                assertThat(((SettingsException) e).key()).isEqualTo("targets.1.serviceAccountKey"));
  }

  private String removedKid() throws Exception {
    return rig.ring().keys().stream()
        .filter(k -> k.entry().state() == KeyState.RETIRED)
        .findFirst()
        .orElseThrow()
        .kid();
  }

  private Map<String, Object> secretManager(Map<String, Object> overrides) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("type", "gcp-secret-manager");
    target.put("project", "demo-project");
    target.put("secret", "jwt-signing-key");
    target.put("serviceAccountKey", "${GCP_SA_KEY}");
    target.put("secretManagerBaseUrl", server.url("/").toString());
    target.putAll(overrides);
    return target;
  }

  private void assertSecretHoldsActiveKey() throws Exception {
    JsonNode jwk = JSON.readTree(google.latestVersionData());
    StoredKey active = rig.ring().active().orElseThrow();
    assertThat(jwk.path("kid").asText()).isEqualTo(active.kid());
    assertThat(jwk.path("alg").asText()).isEqualTo("ES256");
    assertThat(jwk.has("d")).isTrue();
  }
}
