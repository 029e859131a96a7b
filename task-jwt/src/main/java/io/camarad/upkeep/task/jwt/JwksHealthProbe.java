package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.api.TaskContext;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Request;

/**
 * Checks that the ring has a signing key and, when {@code jwksUrl} is set, that the set served
 * there holds it: what a verifier would see.
 */
final class JwksHealthProbe {
  private JwksHealthProbe() {}

  static Health probe(TaskContext context, TaskSetup setup) throws Exception {
    Optional<StoredKey> active = setup.store().load().flatMap(KeyRing::active);
    if (active.isEmpty()) {
      return Health.down(
          "no signing key in " + setup.store().describe() + "; apply the 'jwt' task");
    }
    String kid = active.get().kid();
    Optional<URI> url = setup.settings().jwksUrl();
    if (url.isEmpty()) {
      return Health.up("key " + kid + " signs; no jwksUrl to check")
          .withFacts(Map.of("activeKid", kid));
    }
    return checkPublished(context, setup, url.get(), kid);
  }

  private static Health checkPublished(TaskContext context, TaskSetup setup, URI url, String kid) {
    Set<String> kids;
    try {
      Request request = new Request.Builder().url(url.toString()).get().build();
      String body = setup.http().send(context, HttpTarget.SERVICE, "GET " + url, request);
      JwkSet set = Jwks.setParser().build().parse(body);
      kids = set.getKeys().stream().map(Jwk::getId).collect(Collectors.toSet());
    } catch (Exception e) {
      return Health.down("cannot read the JWK Set at " + url + ": " + e.getMessage());
    }
    Map<String, String> facts = Map.of("activeKid", kid, "publishedKeys", "" + kids.size());
    if (!kids.contains(kid)) {
      return Health.down("the JWK Set at " + url + " lacks the signing key " + kid)
          .withFacts(facts);
    }
    return Health.up("the JWK Set at " + url + " holds the signing key " + kid).withFacts(facts);
  }
}
