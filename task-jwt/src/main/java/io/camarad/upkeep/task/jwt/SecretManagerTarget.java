package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camarad.upkeep.api.ServiceException;
import io.camarad.upkeep.api.TaskContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32C;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;

/**
 * Adds a version to a Google Cloud Secret Manager secret holding the active signing key as a
 * private JWK, for the application servers that sign tokens (service {@code gcp}).
 */
final class SecretManagerTarget implements PublicationTarget {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GoogleTokenSource tokens;
  private final HttpSender sender;
  private final URI baseUrl;
  private final String secretName;

  /**
   * @param baseUrl the API root, {@code https://secretmanager.googleapis.com} in production
   */
  SecretManagerTarget(
      GoogleTokenSource tokens, HttpSender sender, URI baseUrl, String project, String secret) {
    this.tokens = tokens;
    this.sender = sender;
    this.baseUrl = baseUrl;
    this.secretName = "projects/" + project + "/secrets/" + secret;
  }

  @Override
  public String describe() {
    return "Secret Manager " + secretName;
  }

  @Override
  public Optional<String> snapshot(TaskContext context) {
    return Optional.empty();
  }

  /** Only the signing key goes to Secret Manager: a version is added when it changes. */
  @Override
  public String digest(Publication publication) {
    return "signing-key:" + publication.activeKid().orElse("none");
  }

  @Override
  public boolean holds(TaskContext context, Publication publication) {
    return true;
  }

  @Override
  public Optional<String> publish(TaskContext context, Publication publication) throws Exception {
    if (publication.signingJwkJson().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(addVersion(context, publication.signingJwkJson().get()));
  }

  @Override
  public void restore(
      TaskContext context,
      Optional<String> snapshot,
      Optional<String> receipt,
      Publication previous)
      throws Exception {
    if (previous.signingJwkJson().isPresent()) {
      addVersion(context, previous.signingJwkJson().get());
    } else if (receipt.isPresent()) {
      disable(context, receipt.get());
    }
  }

  private String addVersion(TaskContext context, String jwkJson) throws Exception {
    byte[] data = jwkJson.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(data);
    ObjectNode body = JSON.createObjectNode();
    ObjectNode payload = body.putObject("payload");
    payload.put("data", Base64.getEncoder().encodeToString(data));
    payload.put("dataCrc32c", Long.toString(crc.getValue()));

    String answer =
        post(context, secretName + ":addVersion", body.toString(), "adding a version to ");
    String version = JSON.readTree(answer).path("name").asText("");
    if (version.isEmpty()) {
      throw ServiceException.permanent(
          GoogleTokenSource.SERVICE, describe() + " answered addVersion without a name", -1);
    }
    Logger logger = context.logger();
    logger.info("Task '{}' added {} holding the signing key", context.taskId(), version);
    return version;
  }

  private void disable(TaskContext context, String version) throws Exception {
    post(context, version + ":disable", "{}", "disabling ");
    context.logger().info("Task '{}' disabled {}", context.taskId(), version);
  }

  private String post(TaskContext context, String path, String json, String what) throws Exception {
    Request request =
        new Request.Builder()
            .url(baseUrl.toString().replaceAll("/+$", "") + "/v1/" + path)
            .header("Authorization", "Bearer " + tokens.accessToken(context))
            .post(RequestBody.create(json, JSON_TYPE))
            .build();
    return sender.send(context, GoogleTokenSource.SERVICE, what + secretName, request);
  }
}
