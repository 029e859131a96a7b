package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingsException;
import io.jsonwebtoken.security.Jwks;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyStoreTests {
  private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void mintedKeyIsNamedByItsThumbprintAndPublishedWithAlgAndUseOnly(KeyAlgorithm algorithm)
      throws Exception {
    StoredKey key = new KeyMinter(2048).mint(algorithm, NOW);

    JsonNode set = JSON.readTree(JwkSetDocument.publicSetJson(new KeyRing(List.of(key))));

    JsonNode jwk = set.path("keys").get(0);
    assertThat(jwk.path("kid").asText()).isEqualTo(key.kid());
    assertThat(jwk.path("alg").asText()).isEqualTo(algorithm.jwaName());
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(JwkSetDocument.PRIVATE_MEMBERS).noneMatch(jwk::has);
    String thumbprint = Jwks.parser().build().parse(jwk.toString()).thumbprint().toString();
    assertThat(key.kid()).isEqualTo(thumbprint);
  }

  @Test
  void rsaKeysCanBe3072Bits() throws Exception {
    StoredKey key = new KeyMinter(3072).mint(KeyAlgorithm.RS256, NOW);

    JsonNode jwk = JSON.readTree(key.privateJwkJson());

    assertThat(Base64.getUrlDecoder().decode(jwk.path("n").asText())).hasSize(384);
  }

  @Test
  void fileStoreKeepsPrivateKeysOwnerOnly() throws Exception {
    Path directory = temp.resolve("data/keys");
    FileKeyStore store = new FileKeyStore(directory, new RingCodec(Optional.empty()));
    KeyRing ring = new KeyRing(List.of(new KeyMinter(2048).mint(KeyAlgorithm.ES256, NOW)));

    store.save(ring);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    assertThat(store.load()).contains(ring);
    try (var files = Files.list(directory)) {
      assertThat(files).containsExactly(store.file());
    }
  }

  @Test
  void encryptedFileStoreHoldsNoPlainPrivateKeyAndReadsItBack() throws Exception {
    RingCodec codec = new RingCodec(Optional.of(encryption(newKek())));
    FileKeyStore store = new FileKeyStore(temp, codec);
    StoredKey key = new KeyMinter(2048).mint(KeyAlgorithm.ES256, NOW);
    String d = JSON.readTree(key.privateJwkJson()).path("d").asText();

    store.save(new KeyRing(List.of(key)));

    assertThat(Files.readString(store.file())).doesNotContain(d).contains("sealedPrivateJwk");
    assertThat(store.load().orElseThrow().keys()).containsExactly(key);
  }

  @Test
  void wrongKeyEncryptionKeyIsReportedWithTheFix() throws Exception {
    new FileKeyStore(temp, new RingCodec(Optional.of(encryption(newKek()))))
        .save(new KeyRing(List.of(new KeyMinter(2048).mint(KeyAlgorithm.EDDSA, NOW))));
    FileKeyStore other = new FileKeyStore(temp, new RingCodec(Optional.of(encryption(newKek()))));
    FileKeyStore plain = new FileKeyStore(temp, new RingCodec(Optional.empty()));

    assertThatThrownBy(other::load).hasMessageContaining("set keyEncryptionKey");
    assertThatThrownBy(plain::load).hasMessageContaining("is encrypted; set keyEncryptionKey");
  }

  @Test
  void keyEncryptionKeyOfWrongSizeNamesTheSettingNotTheValue() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> KeyEncryption.fromSecret("keyEncryptionKey", secret(shortKey)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("128 bits")
        .hasMessageNotContaining(shortKey);
  }

  @Test
  void mongoStoreSealsPrivateKeysAndReadsThemBack() throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
      MongoCollection<Document> collection =
          client.getDatabase("camarad").getCollection("jwt_keys");
      MongoKeyStore store =
          new MongoKeyStore(collection, new RingCodec(Optional.of(encryption(newKek()))));
      StoredKey key = new KeyMinter(2048).mint(KeyAlgorithm.RS256, NOW);
      String d = JSON.readTree(key.privateJwkJson()).path("d").asText();

      store.save(new KeyRing(List.of(key)));

      assertThat(collection.find().first().toJson()).doesNotContain(d);
      assertThat(store.load().orElseThrow().keys()).containsExactly(key);
      store.delete();
      assertThat(store.load()).isEmpty();
    } finally {
      server.shutdownNow();
    }
  }

  static String newKek() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static KeyEncryption encryption(String kek) throws SettingsException {
    return KeyEncryption.fromSecret("keyEncryptionKey", secret(kek));
  }

  private static Secret secret(String value) {
    return Secret.of("JWT_KEK", value);
  }
}
