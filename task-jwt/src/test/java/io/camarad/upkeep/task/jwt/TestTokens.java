package io.camarad.upkeep.task.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs tokens as an application server would, with a key of the ring (jjwt). */
final class TestTokens {
  private TestTokens() {}

  static String sign(StoredKey key, Instant issuedAt, Duration lifetime) {
    PrivateKey privateKey = (PrivateKey) JwkSetDocument.privateJwk(key).toKey();
    return Jwts.builder()
        .header()
        .keyId(key.kid())
        .and()
        .subject("user-42")
        .issuedAt(Date.from(issuedAt))
        .expiration(Date.from(issuedAt.plus(lifetime)))
        .signWith(privateKey, algorithm(key.entry().algorithm()))
        .compact();
  }

  private static SignatureAlgorithm algorithm(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case RS256 -> Jwts.SIG.RS256;
      case ES256 -> Jwts.SIG.ES256;
      case EDDSA -> Jwts.SIG.EdDSA;
    };
  }
}
