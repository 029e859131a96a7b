package io.camarad.upkeep.task.jwt;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * The independent verifier: Nimbus JOSE + JWT, given only the published JWK Set JSON, picks the key
 * by the token's kid, checks that the key's alg is the token's, verifies the signature (RSA, EC, or
 * Ed25519 through Tink) and the expiry at a chosen instant, with Nimbus's default clock skew (60 s)
 * as the grace. (Nimbus's key selector cannot hand out OKP keys, so the key is picked here.)
 */
final class NimbusVerifier {
  private NimbusVerifier() {}

  /** The claims of {@code token}, or an exception saying why it does not verify. */
  static JWTClaimsSet verify(String token, String publishedSet, Instant at) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    JWK key = JWKSet.parse(publishedSet).getKeyByKeyId(jwt.getHeader().getKeyID());
    if (key == null) {
      throw new BadJOSEException("no matching key for kid " + jwt.getHeader().getKeyID());
    }
    if (!jwt.getHeader().getAlgorithm().equals(key.getAlgorithm())) {
      throw new BadJOSEException("the key's alg is not the token's");
    }
    if (!jwt.verify(verifierFor(key))) {
      throw new BadJOSEException("bad signature");
    }
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    new DefaultJWTClaimsVerifier<SecurityContext>(
        null, new JWTClaimsSet.Builder().build(), Set.of("exp")) {
      @Override
      protected Date currentTime() {
        return Date.from(at);
      }
    }.verify(claims, null);
    return claims;
  }

  private static JWSVerifier verifierFor(JWK key) throws Exception {
    if (key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (key instanceof ECKey ec) {
      return new ECDSAVerifier(ec);
    }
    if (key instanceof OctetKeyPair okp) {
      return new Ed25519Verifier(okp);
    }
    throw new BadJOSEException("unsupported key type " + key.getKeyType());
  }
}
