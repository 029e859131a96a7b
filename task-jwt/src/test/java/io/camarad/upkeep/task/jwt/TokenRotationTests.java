package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tokens signed with the ring's keys, verified by Nimbus against the published set, across
 * rotations run daily by the task. Verifiers may hold a set up to one cache lifetime old; signers
 * may sign with an active key up to one cache lifetime old.
 */
class TokenRotationTests {
  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Duration CACHE = Duration.ofMinutes(10);
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final String JWKS = "site/.well-known/jwks.json";

  @TempDir Path temp;

  /** Rings and published sets as they were from each instant on. */
  private final NavigableMap<Instant, KeyRing> rings = new TreeMap<>();

  private final NavigableMap<Instant, String> published = new TreeMap<>();

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void tokensSignedBeforeDuringAndAfterRotationsVerifyUntilExpiryPlusGrace(KeyAlgorithm alg)
      throws Exception {
    runDailyFor(65, alg);
    List<Instant> rotations = rotationInstants();
    assertThat(rotations).hasSize(2);

    for (Instant rotation : rotations) {
      for (Instant signedAt = rotation.minus(Duration.ofHours(2));
          signedAt.isBefore(rotation.plus(Duration.ofHours(3)));
          signedAt = signedAt.plus(Duration.ofMinutes(10))) {
        for (StoredKey key : keysASignerMayUse(signedAt)) {
          assertVerifiesThroughoutItsLife(TestTokens.sign(key, signedAt, LIFETIME), signedAt);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void tokenSignedByARemovedKeyFailsEvenBeforeItsExpiry(KeyAlgorithm alg) throws Exception {
    runDailyFor(35, alg);
    Instant rotation = rotationInstants().get(0);
    StoredKey first = rings.floorEntry(rotation.minusSeconds(1)).getValue().active().orElseThrow();
    Instant afterRemoval = rotation.plus(Duration.ofDays(1)).plusSeconds(60);
    assertThat(rings.floorEntry(afterRemoval).getValue().find(first.kid())).isEmpty();

    String token = TestTokens.sign(first, afterRemoval, LIFETIME);

    assertThatThrownBy(() -> NimbusVerifier.verify(token, setAt(afterRemoval), afterRemoval))
        .isInstanceOf(BadJOSEException.class)
        .hasMessageContaining("matching key");
  }

  private void runDailyFor(int days, KeyAlgorithm alg) throws Exception {
    JwtRig rig = new JwtRig(temp, START);
    rig.set("algorithm", alg.jwaName());
    rig.set("targets", List.of(Map.of("type", "file", "path", JWKS)));
    for (int day = 0; day <= days; day++) {
      rig.clock.set(START.plus(Duration.ofDays(day)));
      JwtRig.Run run = rig.apply();
      assertThat(run.error()).isNull();
      rings.put(rig.clock.instant(), rig.ring());
      published.put(rig.clock.instant(), rig.read(JWKS).orElseThrow());
    }
  }

  private List<Instant> rotationInstants() {
    List<Instant> rotations = new ArrayList<>();
    String previousActive = null;
    for (Map.Entry<Instant, KeyRing> entry : rings.entrySet()) {
      String active = entry.getValue().active().orElseThrow().kid();
      if (previousActive != null && !active.equals(previousActive)) {
        rotations.add(entry.getKey());
      }
      previousActive = active;
    }
    return rotations;
  }

  /** The active key now, and the one a signer that cached it a cache lifetime ago holds. */
  private List<StoredKey> keysASignerMayUse(Instant at) {
    List<StoredKey> keys = new ArrayList<>();
    keys.add(rings.floorEntry(at).getValue().active().orElseThrow());
    Map.Entry<Instant, KeyRing> stale = rings.floorEntry(at.minus(CACHE));
    if (stale != null) {
      keys.add(stale.getValue().active().orElseThrow());
    }
    return keys;
  }

  private void assertVerifiesThroughoutItsLife(String token, Instant signedAt) throws Exception {
    Instant expiry = signedAt.plus(LIFETIME);
    List<Instant> checks =
        List.of(
            signedAt,
            signedAt.plus(LIFETIME.dividedBy(2)),
            expiry,
            expiry.plus(GRACE).minusSeconds(1));
    for (Instant at : checks) {
      for (String set : setsAVerifierMayHold(at)) {
        assertThat(NimbusVerifier.verify(token, set, at).getSubject()).isEqualTo("user-42");
      }
    }
    assertThatThrownBy(
            () -> NimbusVerifier.verify(token, setAt(expiry), expiry.plus(GRACE).plusSeconds(2)))
        .hasMessageContaining("Expired");
  }

  /** The set published now, and the one a verifier that fetched it a cache lifetime ago holds. */
  private List<String> setsAVerifierMayHold(Instant at) {
    List<String> sets = new ArrayList<>();
    sets.add(setAt(at));
    Map.Entry<Instant, String> stale = published.floorEntry(at.minus(CACHE));
    if (stale != null) {
      sets.add(stale.getValue());
    }
    return sets;
  }

  private String setAt(Instant at) {
    return published.floorEntry(at).getValue();
  }
}
