package io.camarad.upkeep.task.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;

/** Creates key pairs and their private JWKs, named by their RFC 7638 thumbprint. */
final class KeyMinter {
  private final int rsaKeySize;

  /**
   * @param rsaKeySize the modulus size of RS256 keys: 2048 or 3072
   */
  KeyMinter(int rsaKeySize) {
    this.rsaKeySize = rsaKeySize;
  }

  /** A new key of {@code algorithm}, published (as next) at {@code now}. */
  StoredKey mint(KeyAlgorithm algorithm, Instant now) {
    PrivateJwk<?, ?, ?> jwk =
        Jwks.builder()
            .keyPair(keyPair(algorithm))
            .algorithm(algorithm.jwaName())
            .publicKeyUse("sig")
            .idFromThumbprint()
            .build();
    KeyEntry entry = new KeyEntry(jwk.getId(), algorithm, KeyState.NEXT, now, now);
    return new StoredKey(entry, Jwks.UNSAFE_JSON(jwk));
  }

  private KeyPair keyPair(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case RS256 -> rsaKeyPair();
      case ES256 -> Jwts.SIG.ES256.keyPair().build();
      case EDDSA -> Jwks.CRV.Ed25519.keyPair().build();
    };
  }

  private KeyPair rsaKeyPair() {
    if (rsaKeySize == 2048) {
      return Jwts.SIG.RS256.keyPair().build();
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(rsaKeySize);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot create RSA keys of " + rsaKeySize, e);
    }
  }
}
