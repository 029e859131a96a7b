package io.camarad.upkeep.task.jwt;

import java.time.Instant;
import java.util.Objects;

/**
 * What the rotation rules need to know of one key: no key material.
 *
 * @param kid the key id (the RFC 7638 thumbprint), or a placeholder for a key still to create
 * @param algorithm the algorithm the key signs with
 * @param state where the key stands
 * @param publishedAt when the key was first written to the published set
 * @param stateSince when the key entered {@code state} (activation or retirement time)
 */
record KeyEntry(
    String kid, KeyAlgorithm algorithm, KeyState state, Instant publishedAt, Instant stateSince) {

  KeyEntry {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(stateSince, "stateSince");
  }

  /** A copy in {@code newState} since {@code at}. */
  KeyEntry moveTo(KeyState newState, Instant at) {
    return new KeyEntry(kid, algorithm, newState, publishedAt, at);
  }
}
