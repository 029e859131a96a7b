package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskContext;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * Gets OAuth 2.0 access tokens for a service account with the JWT bearer grant (RFC 7523): a JWT
 * assertion signed RS256 with the account's key, exchanged at the token endpoint. A token is reused
 * until one minute before it expires.
 */
final class GoogleTokenSource {
  static final String SERVICE = "gcp";
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GoogleServiceAccount account;
  private final HttpSender sender;
  private String accessToken;
  private Instant expiresAt = Instant.MIN;

  GoogleTokenSource(GoogleServiceAccount account, HttpSender sender) {
    this.account = account;
    this.sender = sender;
  }

  /** A valid access token, fetched when none is held or it is about to expire. */
  synchronized String accessToken(TaskContext context) throws Exception {
    Instant now = context.clock().instant();
    if (accessToken == null || !now.isBefore(expiresAt.minusSeconds(60))) {
      fetch(context, now);
    }
    return accessToken;
  }

  private void fetch(TaskContext context, Instant now) throws Exception {
    Request request =
        new Request.Builder()
            .url(account.tokenUri().toString())
            .post(
                new FormBody.Builder()
                    .add("grant_type", GRANT_TYPE)
                    .add("assertion", assertion(now))
                    .build())
            .build();
    String body = sender.send(context, SERVICE, "token exchange at " + host(), request);

    JsonNode answer = JSON.readTree(body);
    String token = answer.path("access_token").asText("");
    if (token.isEmpty()) {
      throw ServiceException.permanent(
          SERVICE, "token exchange at " + host() + " answered without an access_token", -1);
    }
    accessToken = token;
    expiresAt = now.plusSeconds(answer.path("expires_in").asLong(3600));
  }

  /**
   * The signed assertion: issuer the account, audience the token endpoint, the API scope. The
   * audience is written as a single string, the form Google documents for this grant; jjwt marks
   * that form deprecated only because most recipients take an array.
   */
  @SuppressWarnings("deprecation")
  String assertion(Instant now) {
    return Jwts.builder()
        .header()
        .type("JWT")
        .keyId(account.privateKeyId().isEmpty() ? null : account.privateKeyId())
        .and()
        .issuer(account.clientEmail())
        .audience()
        .single(account.tokenUri().toString())
        .claim("scope", SCOPE)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(ASSERTION_LIFETIME)))
        .signWith(account.privateKey(), Jwts.SIG.RS256)
        .compact();
  }

  private String host() {
    return account.tokenUri().getHost();
  }
}
