package io.camarad.upkeep.task.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.camarad.upkeep.api.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMongoTests {
  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final String TOKEN = "health-token";

  @TempDir Path temp;
  private final MockWebServer web = new MockWebServer();
  private final JwksHttpFake http = new JwksHttpFake(TOKEN);
  private MongoServer mongoServer;
  private MongoClient mongo;
  private MongoDatabase database;
  private JwtRig rig;

  @BeforeEach
  void setUp() throws Exception {
    web.setDispatcher(http);
    web.start();
    mongoServer = new MongoServer(new MemoryBackend());
    mongo = MongoClients.create("mongodb://localhost:" + mongoServer.bind().getPort());
    database = mongo.getDatabase("camarad");
    rig = new JwtRig(temp, START);
    rig.environment.put("JWKS_TOKEN", TOKEN);
    rig.resources.put("mongo", database);
  }

  @AfterEach
  void tearDown() throws Exception {
    mongo.close();
    mongoServer.shutdownNow();
    web.close();
  }

  @Test
  void healthIsUpWhenThePublishedSetHoldsTheSigningKey() throws Exception {
    httpTargetWithJwksUrl();
    rig.apply();

    Health health = rig.health();

    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.facts())
        .containsEntry("activeKid", rig.ring().active().orElseThrow().kid())
        .containsEntry("publishedKeys", "2");
  }

  @Test
  void healthIsDownWhenTheServedSetLacksTheSigningKey() throws Exception {
    httpTargetWithJwksUrl();
    rig.apply();
    StoredKey stranger = new KeyMinter(2048).mint(KeyAlgorithm.ES256, START);
    http.current = JwkSetDocument.publicSetJson(new KeyRing(List.of(stranger)));

    Health health = rig.health();

    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.detail()).contains("lacks the signing key");
    http.current = "{\"keys\":[]}";
    assertThat(rig.health().status()).isEqualTo(Health.Status.DOWN);
  }

  @Test
  void healthIsDownBeforeTheFirstRun() {
    assertThat(rig.health().status()).isEqualTo(Health.Status.DOWN);
  }

  @Test
  void mongoStoreAndMongoTargetKeepSealedKeysAndThePublicSet() throws Exception {
    String kek = KeyStoreTests.newKek();
    rig.environment.put("JWT_KEK", kek);
    rig.set("keyStore", Map.of("type", "mongodb"));
    rig.set("keyEncryptionKey", "${JWT_KEK}");
    rig.set("targets", List.of(Map.of("type", "mongodb", "collection", "jwks")));

    rig.apply();
    rig.clock.advance(Duration.ofDays(30));
    rig.apply();

    Document ring = database.getCollection("jwt_keys").find().first();
    assertThat(ring.toJson()).contains("sealedPrivateJwk").doesNotContain("\"d\"");
    Document published = database.getCollection("jwks").find().first();
    List<Document> keys = published.getList("keys", Document.class);
    KeyRing current = rig.ring();
    assertThat(keys)
        .extracting(k -> k.getString("kid"))
        .containsExactlyInAnyOrderElementsOf(current.keys().stream().map(StoredKey::kid).toList());
    assertThat(keys).allSatisfy(k -> assertThat(k).doesNotContainKeys("d", "p", "q", "k"));
    assertThat(published.getString("activeKid")).isEqualTo(current.active().orElseThrow().kid());
    assertThat(rig.dataDirectory().resolve("keys")).doesNotExist();
  }

  @Test
  void mongoTargetIsRestoredWhenALaterTargetFails() throws Exception {
    rig.set(
        "targets",
        List.of(
            Map.of("type", "mongodb"),
            Map.of("type", "http", "url", web.url("/jwks").toString(), "token", "${JWKS_TOKEN}")));
    rig.apply();
    Document before = database.getCollection("jwks").find().first();
    rig.clock.advance(Duration.ofDays(30));
    http.failNext(400);

    assertThat(rig.apply().error()).isNotNull();

    assertThat(database.getCollection("jwks").find().first()).isEqualTo(before);
  }

  private void httpTargetWithJwksUrl() {
    rig.set(
        "targets",
        List.of(
            Map.of("type", "http", "url", web.url("/jwks").toString(), "token", "${JWKS_TOKEN}")));
    rig.set("jwksUrl", web.url("/jwks").toString());
  }
}
