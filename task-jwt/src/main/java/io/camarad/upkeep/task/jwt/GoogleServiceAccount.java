package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * A Google service account key (the JSON file Google hands out), read from a secret setting. {@link
 * #toString()} never shows the private key.
 *
 * @param clientEmail the account's e-mail, the assertion's issuer
 * @param privateKeyId the key id, put in the assertion's header
 * @param privateKey the RSA key that signs the assertion
 * @param tokenUri the OAuth 2.0 token endpoint, the assertion's audience
 */
record GoogleServiceAccount(
    String clientEmail, String privateKeyId, RSAPrivateKey privateKey, URI tokenUri) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the key in {@code secret}; {@code tokenUri} overrides the key's own {@code token_uri}.
   *
   * @throws SettingsException naming {@code settingKey} and what is missing, never the value
   */
  static GoogleServiceAccount parse(String settingKey, Secret secret, Optional<URI> tokenUri)
      throws SettingsException {
    JsonNode key = readJson(settingKey, secret);
    String email = required(settingKey, secret, key, "client_email");
    String pem = required(settingKey, secret, key, "private_key");
    URI endpoint =
        tokenUri.orElseGet(
            () -> URI.create(key.path("token_uri").asText(JwtSettings.DEFAULT_TOKEN_URI)));
    return new GoogleServiceAccount(
        email, key.path("private_key_id").asText(""), rsaKey(settingKey, secret, pem), endpoint);
  }

  private static JsonNode readJson(String settingKey, Secret secret) throws SettingsException {
    try {
      JsonNode key = JSON.readTree(secret.reveal());
      if (key != null && key.isObject()) {
        return key;
      }
    } catch (IOException e) {
      // The parser's message could quote the key: fall through to a message of our own.
    }
    throw new SettingsException(
        settingKey,
        "the service account key in "
            + secret.name()
            + " is not a JSON object; set it to the content of the key file Google created");
  }

  private static String required(String settingKey, Secret secret, JsonNode key, String field)
      throws SettingsException {
    String value = key.path(field).asText("");
    if (value.isEmpty()) {
      throw new SettingsException(
          settingKey, "the service account key in " + secret.name() + " has no " + field);
    }
    return value;
  }

  private static RSAPrivateKey rsaKey(String settingKey, Secret secret, String pem)
      throws SettingsException {
    try {
      String base64 =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(base64);
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new SettingsException(
          settingKey,
          "the private_key of the service account key in "
              + secret.name()
              + " is not a PKCS#8 RSA key in PEM form");
    }
  }

  @Override
  public String toString() {
    return "GoogleServiceAccount[" + clientEmail + ", privateKey=****]";
  }
}
