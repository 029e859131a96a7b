package io.camarad.upkeep.task.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Hashes of the task's inputs, for the engine's "nothing changed" rule. No secret goes in. */
final class Fingerprints {
  private Fingerprints() {}

  /** The ring's state: every key's id, algorithm, state and dates (no key material). */
  static String ofRing(KeyRing ring) {
    StringBuilder text = new StringBuilder();
    for (KeyEntry key : ring.entries()) {
      text.append(key.kid())
          .append('|')
          .append(key.algorithm().jwaName())
          .append('|')
          .append(key.state())
          .append('|')
          .append(key.publishedAt())
          .append('|')
          .append(key.stateSince())
          .append('\n');
    }
    return sha256(text.toString());
  }

  /** The settings that shape the ring and where it goes (secrets are left out). */
  static String ofSettings(JwtSettings settings, List<PublicationTarget> targets) {
    StringBuilder text = new StringBuilder();
    text.append(settings.policy()).append('\n');
    text.append(settings.rsaKeySize()).append('\n');
    text.append(settings.keyStore()).append('\n');
    text.append(settings.keyEncryptionKey().isPresent()).append('\n');
    targets.forEach(target -> text.append(target.describe()).append('\n'));
    return sha256(text.toString());
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
