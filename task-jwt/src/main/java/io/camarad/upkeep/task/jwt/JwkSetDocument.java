package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Turns the ring into what is published: public JWKs only, each with kid, use and alg. */
final class JwkSetDocument {
  /** JWK members that hold private or symmetric key material (RFC 7518 section 6). */
  static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JwkSetDocument() {}

  /** The private JWK held in {@code key}. */
  static PrivateJwk<?, ?, ?> privateJwk(StoredKey key) {
    Jwk<?> jwk = Jwks.parser().build().parse(key.privateJwkJson());
    if (!(jwk instanceof PrivateJwk<?, ?, ?> privateJwk)) {
      throw new IllegalStateException("key " + key.kid() + " in the ring is not a private key");
    }
    return privateJwk;
  }

  /** The public JWK of {@code key}, with its kid, {@code use: sig} and its algorithm. */
  static PublicJwk<?> publicJwk(StoredKey key) {
    PublicJwk<?> jwk = privateJwk(key).toPublicJwk();
    if (!key.kid().equals(jwk.getId())
        || !key.entry().algorithm().jwaName().equals(jwk.getAlgorithm())
        || !"sig".equals(jwk.getPublicKeyUse())) {
      throw new IllegalStateException(
          "key " + key.kid() + " in the ring lost its kid, alg or use; the ring is damaged");
    }
    return jwk;
  }

  /** The JWK Set of every key in {@code ring}, as JSON: {@code {"keys":[...]}}. */
  static String publicSetJson(KeyRing ring) {
    ObjectNode document = JSON.createObjectNode();
    ArrayNode keys = document.putArray("keys");
    if (ring.keys().isEmpty()) {
      return document.toString();
    }
    List<Jwk<?>> publics = ring.keys().stream().<Jwk<?>>map(JwkSetDocument::publicJwk).toList();
    JwkSet set = Jwks.set().add(publics).build();
    for (Jwk<?> jwk : set.getKeys()) {
      keys.add(checkedPublic(jwk));
    }
    return document.toString();
  }

  private static ObjectNode checkedPublic(Jwk<?> jwk) {
    if (!(jwk instanceof PublicJwk<?> publicJwk)) {
      throw new IllegalStateException("refusing to publish a non-public JWK " + jwk.getId());
    }
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(Jwks.json(publicJwk));
      PRIVATE_MEMBERS.forEach(
          member -> {
            if (node.has(member)) {
              throw new IllegalStateException("JWK " + jwk.getId() + " holds private material");
            }
          });
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("unreadable public JWK " + jwk.getId(), e);
    }
  }
}
