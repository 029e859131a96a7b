package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.PlannedChange;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskPlan;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.testkit.SettingsProblemsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTaskTests {
  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final String JWKS = "site/.well-known/jwks.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private JwtRig rig;

  @BeforeEach
  void setUp() {
    rig = new JwtRig(temp, START);
    rig.set("targets", List.of(Map.of("type", "file", "path", JWKS)));
  }

  @Test
  void isDiscoveredThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(UpkeepTask.class)).extracting(UpkeepTask::id).contains("jwt");
  }

  @Test
  void firstPlanSaysWhichKeysItWouldCreateAndWritesNothing() throws Exception {
    TaskPlan plan = rig.plan();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.CHANGES);
    assertThat(plan.changes())
        .extracting(PlannedChange::action)
        .containsExactly("create", "create", "publish");
    assertThat(plan.changes().get(0).detail()).contains("signs at once");
    assertThat(plan.summary()).contains("next change due " + START.plus(Duration.ofDays(30)));
    assertThat(temp.resolve(".upkeep")).doesNotExist();
    assertThat(temp.resolve(JWKS)).doesNotExist();
  }

  @Test
  void firstApplyActivatesOneKeyAndPublishesItWithANextKey() throws Exception {
    JwtRig.Run run = rig.apply();

    KeyRing ring = rig.ring();
    assertThat(run.error()).isNull();
    assertThat(ring.entries())
        .extracting(KeyEntry::state)
        .containsExactly(KeyState.ACTIVE, KeyState.NEXT);
    JsonNode set = JSON.readTree(rig.read(JWKS).orElseThrow());
    assertThat(set.path("keys"))
        .extracting(k -> k.path("kid").asText())
        .containsExactlyInAnyOrderElementsOf(ring.keys().stream().map(StoredKey::kid).toList());
    assertThat(rig.state()).containsEntry("activeKid", ring.active().orElseThrow().kid());
    assertThat(run.outcome().counts()).containsEntry("created", 2L).containsEntry("activated", 0L);
  }

  @Test
  void publishedSetNeverHoldsPrivateKeyMaterialForAnyAlgorithm() throws Exception {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      rig.set("algorithm", algorithm.jwaName());
      rig.clock.advance(Duration.ofDays(31));
      rig.apply();

      JsonNode set = JSON.readTree(rig.read(JWKS).orElseThrow());
      for (JsonNode jwk : set.path("keys")) {
        assertThat(JwkSetDocument.PRIVATE_MEMBERS).noneMatch(jwk::has);
        assertThat(jwk.path("alg").asText()).isIn("RS256", "ES256", "EdDSA");
        assertThat(jwk.path("use").asText()).isEqualTo("sig");
      }
    }
  }

  @Test
  void planRightAfterApplyIsUpToDateWithTheNextDueInstant() throws Exception {
    rig.apply();
    rig.apply();

    TaskPlan plan = rig.plan();

    assertThat(plan.kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
    assertThat(plan.summary()).contains("next change due " + START.plus(Duration.ofDays(30)));
    assertThat(plan.fingerprints()).containsKeys("ring", "nextDue", "settings");
    assertThat(rig.apply().applied()).isFalse();
  }

  @Test
  void planAtRotationNamesTheKeysToActivateRetireAndCreate() throws Exception {
    rig.apply();
    KeyRing ring = rig.ring();
    String active = ring.active().orElseThrow().kid();
    String next = ring.keys().get(1).kid();
    rig.clock.advance(Duration.ofDays(30));

    TaskPlan plan = rig.plan();

    assertThat(plan.changes())
        .extracting(PlannedChange::action, PlannedChange::target)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("retire", active),
            org.assertj.core.groups.Tuple.tuple("activate", next),
            org.assertj.core.groups.Tuple.tuple("create", "new key 1"));
    assertThat(plan.fingerprints().get("ring")).isEqualTo(Fingerprints.ofRing(ring));
  }

  @Test
  void deletedPublishedFileMakesThePlanRepublishIt() throws Exception {
    rig.apply();
    Files.delete(temp.resolve(JWKS));

    TaskPlan plan = rig.plan();

    assertThat(plan.changes()).extracting(PlannedChange::action).containsExactly("publish");
    rig.apply();
    assertThat(temp.resolve(JWKS)).exists();
  }

  @Test
  void clockMovedSeveralPeriodsAheadCatchesUpInOneRun() throws Exception {
    rig.apply();
    rig.clock.advance(Duration.ofDays(30));
    rig.apply();
    KeyRing before = rig.ring();
    String signing = before.active().orElseThrow().kid();
    String next =
        before.keys().stream()
            .filter(k -> k.entry().state() == KeyState.NEXT)
            .findFirst()
            .orElseThrow()
            .kid();
    rig.clock.advance(Duration.ofDays(30 * 5 + 3));

    JwtRig.Run run = rig.apply();

    KeyRing after = rig.ring();
    assertThat(run.outcome().counts())
        .containsEntry("activated", 1L)
        .containsEntry("retired", 1L)
        .containsEntry("created", 1L)
        .containsEntry("removed", 1L);
    assertThat(after.active().orElseThrow().kid()).isEqualTo(next);
    assertThat(after.find(signing).orElseThrow().entry().state()).isEqualTo(KeyState.RETIRED);
    assertThat(after.entries())
        .extracting(KeyEntry::state)
        .containsExactlyInAnyOrder(KeyState.RETIRED, KeyState.ACTIVE, KeyState.NEXT);
    assertThat(rig.plan().kind()).isEqualTo(TaskPlan.Kind.UP_TO_DATE);
  }

  @Test
  void fileStoreKeepsPrivateKeysOwnerOnlyUnderTheDataDirectory() throws Exception {
    rig.apply();

    Path ring = rig.dataDirectory().resolve("keys/ring.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ring)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ring.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(ring)).contains("\"d\"");
  }

  @Test
  void withoutTargetsTheSetIsPublishedBesideTheRing() throws Exception {
    rig.settings.remove("targets");

    rig.apply();

    assertThat(rig.dataDirectory().resolve("jwks.json")).exists();
  }

  @Test
  void rejectsSettingsThatBreakTheRulesNamingTheKeyAndTheFix() {
    assertInvalid(Map.of("rsaKeySize", 4096), "rsaKeySize", "2048 or 3072");
    assertInvalid(
        Map.of("rotationPeriod", "5m"), "rotationPeriod", "must be longer than verifierCacheTtl");
    assertInvalid(Map.of("keyStore", Map.of("type", "mongodb")), "keyEncryptionKey", "openssl");
    assertInvalid(
        Map.of("targets", List.of(Map.of("type", "http", "url", "http://localhost/x"))),
        "targets.0.token",
        "needs 'token'");
    // The engine's binder refuses an unknown target type against the spec's choices before
    // the task's own validate sees it, naming the key and the types to use instead.
    JwtRig ftp = new JwtRig(temp.resolve("ftp"), START);
    ftp.settings.put("targets", List.of(Map.of("type", "ftp")));
    assertThatThrownBy(ftp::plan)
        .isInstanceOfSatisfying(
            SettingsProblemsException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("tasks.jwt.settings.targets.0.type")
                    .contains("'ftp' is not one of file, mongodb, http, gcp-secret-manager"));
  }

  private void assertInvalid(Map<String, Object> settings, String key, String message) {
    JwtRig other = new JwtRig(temp.resolve(key), START);
    other.settings.putAll(settings);
    assertThatThrownBy(other::plan)
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo(key));
  }
}
