package io.camarad.upkeep.task.jwt;

import java.util.Arrays;
import java.util.Optional;

/** The signing algorithms the task can create keys for, by their JWA names. */
enum KeyAlgorithm {
  RS256("RS256"),
  ES256("ES256"),
  EDDSA("EdDSA");

  private final String jwaName;

  KeyAlgorithm(String jwaName) {
    this.jwaName = jwaName;
  }

  /** The name written as {@code alg} on every JWK and token header. */
  String jwaName() {
    return jwaName;
  }

  /** The algorithm with the JWA name {@code name}, matched exactly. */
  static Optional<KeyAlgorithm> fromJwaName(String name) {
    return Arrays.stream(values()).filter(a -> a.jwaName.equals(name)).findFirst();
  }
}
