package io.camarad.upkeep.task.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run publishes: the public JWK Set and, for targets that hand the signing key to the
 * application servers, the active private JWK. {@link #toString()} never shows the latter.
 *
 * @param jwksJson the public JWK Set
 * @param activeKid the signing key's id, or empty when the ring has none
 * @param signingJwkJson the signing key's private JWK, or empty when the ring has none
 */
record Publication(String jwksJson, Optional<String> activeKid, Optional<String> signingJwkJson) {

  Publication {
    Objects.requireNonNull(jwksJson, "jwksJson");
    Objects.requireNonNull(activeKid, "activeKid");
    Objects.requireNonNull(signingJwkJson, "signingJwkJson");
  }

  /** What {@code ring} publishes. */
  static Publication of(KeyRing ring) {
    Optional<StoredKey> active = ring.active();
    return new Publication(
        JwkSetDocument.publicSetJson(ring),
        active.map(StoredKey::kid),
        active.map(StoredKey::privateJwkJson));
  }

  /** A digest of what is published, to tell whether a target already holds it. */
  String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(jwksJson.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(activeKid.orElse("").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Publication[active=" + activeKid.orElse("none") + ", signingJwk=****]";
  }
}
