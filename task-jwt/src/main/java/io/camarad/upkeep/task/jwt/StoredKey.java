package io.camarad.upkeep.task.jwt;

import java.util.Objects;

/**
 * One key of the ring: its place in the lifecycle and its private JWK (JSON, private parameters
 * included). {@link #toString()} never shows the key material.
 *
 * @param entry the key's lifecycle data
 * @param privateJwkJson the private JWK as JSON
 */
record StoredKey(KeyEntry entry, String privateJwkJson) {
  StoredKey {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(privateJwkJson, "privateJwkJson");
  }

  String kid() {
    return entry.kid();
  }

  /** A copy whose lifecycle data is {@code updated}. */
  StoredKey with(KeyEntry updated) {
    return new StoredKey(updated, privateJwkJson);
  }

  @Override
  public String toString() {
    return "StoredKey[" + entry + ", privateJwk=****]";
  }
}
