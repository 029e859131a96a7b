package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Google's OAuth 2.0 token endpoint and Secret Manager, as far as the task uses them. The token
 * endpoint checks the JWT assertion as Google does: RS256 signature by the service account's key,
 * issuer, audience equal to the token URI, scope, lifetime at most one hour. Secret Manager checks
 * the bearer token it issued and the request shape, and keeps the versions.
 */
final class GoogleFake extends Dispatcher {
  static final String EMAIL = "upkeep@demo-project.iam.gserviceaccount.com";
  static final String KEY_ID = "0c9f3e2d1b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ADD_VERSION =
      Pattern.compile("/v1/projects/([^/]+)/secrets/([^/:]+):addVersion");
  private static final Pattern DISABLE =
      Pattern.compile("/v1/(projects/[^/]+/secrets/[^/]+/versions/\\d+):disable");

  final KeyPair accountKey;
  final List<String> problems = new ArrayList<>();
  final List<String> versions = new ArrayList<>();
  final Map<String, Boolean> enabled = new HashMap<>();
  private final Deque<Integer> secretManagerFailures = new ArrayDeque<>();
  private final List<String> issued = new ArrayList<>();
  private String tokenUri;

  GoogleFake() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    this.accountKey = generator.generateKeyPair();
  }

  void tokenUri(String uri) {
    this.tokenUri = uri;
  }

  void failSecretManager(int... statuses) {
    for (int status : statuses) {
      secretManagerFailures.add(status);
    }
  }

  /** The service account key file, as Google hands it out. */
  String serviceAccountJson() {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(accountKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return JSON.createObjectNode()
        .put("type", "service_account")
        .put("project_id", "demo-project")
        .put("private_key_id", KEY_ID)
        .put("private_key", pem)
        .put("client_email", EMAIL)
        .put("token_uri", tokenUri)
        .toString();
  }

  /** A piece of the private key, to look for in logs. */
  String privateKeyFragment() {
    return Base64.getEncoder()
        .encodeToString(accountKey.getPrivate().getEncoded())
        .substring(100, 160);
  }

  /** The JWK held by the newest enabled version. */
  String latestVersionData() {
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if ("/token".equals(path)) {
      return token(request);
    }
    Matcher add = ADD_VERSION.matcher(path);
    if (add.matches()) {
      return addVersion(request, add.group(1), add.group(2));
    }
    Matcher disable = DISABLE.matcher(path);
    if (disable.matches() && authorized(request)) {
      enabled.put(disable.group(1), false);
      return answer(200, "{\"name\":\"" + disable.group(1) + "\",\"state\":\"DISABLED\"}");
    }
    problems.add("unexpected request " + request.getMethod() + " " + path);
    return answer(404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
  }

  private MockResponse token(RecordedRequest request) {
    Map<String, String> form = form(request.getBody().utf8());
    try {
      check("POST".equals(request.getMethod()), "token: method " + request.getMethod());
      check(
          request.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"),
          "token: content type");
      check(GoogleTokenSource.GRANT_TYPE.equals(form.get("grant_type")), "token: grant_type");
      SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
      check(JWSAlgorithm.RS256.equals(assertion.getHeader().getAlgorithm()), "assertion: alg");
      check(KEY_ID.equals(assertion.getHeader().getKeyID()), "assertion: kid");
      check(
          assertion.verify(new RSASSAVerifier((RSAPublicKey) accountKey.getPublic())),
          "assertion: signature");
      JWTClaimsSet claims = assertion.getJWTClaimsSet();
      check(EMAIL.equals(claims.getIssuer()), "assertion: iss");
      List<String> audience = claims.getAudience();
      check(List.of(tokenUri).equals(audience), "assertion: aud " + audience);
      check(GoogleTokenSource.SCOPE.equals(claims.getStringClaim("scope")), "assertion: scope");
      long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
      check(lifetime > 0 && lifetime <= 3_600_000, "assertion: lifetime " + lifetime);
    } catch (Exception e) {
      problems.add(e.getMessage());
      return answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad assertion\"}");
    }
    String accessToken = "ya29.fake-" + (issued.size() + 1);
    issued.add(accessToken);
    return answer(
        200,
        "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  private MockResponse addVersion(RecordedRequest request, String project, String secret) {
    if (!authorized(request)) {
      return answer(401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
    }
    if (!secretManagerFailures.isEmpty()) {
      int status = secretManagerFailures.poll();
      return answer(status, "{\"error\":{\"code\":" + status + ",\"status\":\"UNAVAILABLE\"}}");
    }
    try {
      check("POST".equals(request.getMethod()), "addVersion: method");
      JsonNode payload = JSON.readTree(request.getBody().utf8()).path("payload");
      byte[] data = Base64.getDecoder().decode(payload.path("data").asText());
      CRC32C crc = new CRC32C();
      crc.update(data);
      check(
          Long.toString(crc.getValue()).equals(payload.path("dataCrc32c").asText()),
          "addVersion: dataCrc32c");
      versions.add(new String(data, StandardCharsets.UTF_8));
    } catch (Exception e) {
      problems.add(e.getMessage());
      return answer(400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
    }
    String name = "projects/" + project + "/secrets/" + secret + "/versions/" + versions.size();
    enabled.put(name, true);
    return answer(200, "{\"name\":\"" + name + "\",\"state\":\"ENABLED\"}");
  }

  private boolean authorized(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    boolean ok = header != null && issued.contains(header.replaceFirst("^Bearer ", ""));
    if (!ok) {
      problems.add("Secret Manager call without a valid bearer token");
    }
    return ok;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("check failed: " + what);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static MockResponse answer(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
