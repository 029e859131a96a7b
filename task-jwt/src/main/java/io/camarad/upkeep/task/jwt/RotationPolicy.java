package io.camarad.upkeep.task.jwt;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of the key ring.
 *
 * @param rotationPeriod how long a key signs before the next one takes over
 * @param tokenLifetime the longest lifetime of a token signed with these keys
 * @param verifierCacheTtl how long verifiers (and signers reading the active key) may cache what
 *     was published
 * @param algorithm the algorithm of keys created from now on
 */
record RotationPolicy(
    Duration rotationPeriod,
    Duration tokenLifetime,
    Duration verifierCacheTtl,
    KeyAlgorithm algorithm) {

  RotationPolicy {
    Objects.requireNonNull(rotationPeriod, "rotationPeriod");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(verifierCacheTtl, "verifierCacheTtl");
    Objects.requireNonNull(algorithm, "algorithm");
  }

  /**
   * How long a retired key stays published: a token signed just before retirement lives for the
   * token lifetime, and a signer that cached the old active key may go on signing with it for one
   * cache lifetime.
   */
  Duration retention() {
    return tokenLifetime.plus(verifierCacheTtl);
  }
}
