package io.camarad.upkeep.task.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of the key ring (JSON), with private JWKs sealed when a key-encryption key is
 * given. The same form is used by the file store, the MongoDB store and the rollback copies.
 */
final class RingCodec {
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<KeyEncryption> encryption;

  RingCodec(Optional<KeyEncryption> encryption) {
    this.encryption = encryption;
  }

  /** Whether private keys are sealed. */
  boolean encrypts() {
    return encryption.isPresent();
  }

  /** The ring as JSON. */
  String encode(KeyRing ring) {
    ObjectNode document = JSON.createObjectNode();
    document.put("format", FORMAT);
    ArrayNode keys = document.putArray("keys");
    ring.keys().forEach(key -> keys.add(encodeKey(key)));
    return document.toString();
  }

  /**
   * The ring stored as {@code json}.
   *
   * @param where the file or collection it came from, for messages
   * @throws IllegalStateException if it cannot be read, naming {@code where} and the fix
   */
  KeyRing decode(String json, String where) {
    JsonNode document = parse(json, where);
    if (document.path("format").asInt() != FORMAT) {
      throw new IllegalStateException(
          "the key ring in " + where + " has format " + document.path("format") + "; expected 1");
    }
    List<StoredKey> keys = new ArrayList<>();
    for (JsonNode key : document.path("keys")) {
      keys.add(decodeKey(key, where));
    }
    return new KeyRing(keys);
  }

  private ObjectNode encodeKey(StoredKey key) {
    KeyEntry entry = key.entry();
    ObjectNode node = JSON.createObjectNode();
    node.put("kid", entry.kid());
    node.put("alg", entry.algorithm().jwaName());
    node.put("state", entry.state().name());
    node.put("publishedAt", entry.publishedAt().toString());
    node.put("stateSince", entry.stateSince().toString());
    if (encryption.isPresent()) {
      KeyEncryption.Sealed sealed = encryption.get().seal(entry.kid(), key.privateJwkJson());
      ObjectNode sealedNode = node.putObject("sealedPrivateJwk");
      sealedNode.put("enc", KeyEncryption.ALGORITHM);
      sealedNode.put("nonce", sealed.nonce());
      sealedNode.put("ciphertext", sealed.ciphertext());
    } else {
      node.set("privateJwk", parse(key.privateJwkJson(), "key " + entry.kid()));
    }
    return node;
  }

  private StoredKey decodeKey(JsonNode node, String where) {
    String kid = node.path("kid").asText();
    String alg = node.path("alg").asText();
    KeyAlgorithm algorithm =
        KeyAlgorithm.fromJwaName(alg)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "key " + kid + " in " + where + " has unknown alg '" + alg + "'"));
    KeyEntry entry =
        new KeyEntry(
            kid,
            algorithm,
            KeyState.valueOf(node.path("state").asText()),
            Instant.parse(node.path("publishedAt").asText()),
            Instant.parse(node.path("stateSince").asText()));
    return new StoredKey(entry, privateJwkOf(node, kid, where));
  }

  private String privateJwkOf(JsonNode node, String kid, String where) {
    if (node.has("privateJwk")) {
      return node.get("privateJwk").toString();
    }
    JsonNode sealed = node.path("sealedPrivateJwk");
    if (encryption.isEmpty()) {
      throw new IllegalStateException(
          "key "
              + kid
              + " in "
              + where
              + " is encrypted; set keyEncryptionKey to the key it was stored with");
    }
    return encryption
        .get()
        .open(
            kid,
            new KeyEncryption.Sealed(
                sealed.path("nonce").asText(), sealed.path("ciphertext").asText()));
  }

  private static JsonNode parse(String json, String where) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message may quote key material: keep only the position.
      String position =
          e.getLocation() == null
              ? "unknown position"
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalStateException(
          "the key ring in "
              + where
              + " is not valid JSON ("
              + position
              + "); restore it from a rollback copy in the task's data directory");
    }
  }
}
