package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.SettingType;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task's settings, checked and typed.
 *
 * @param policy the rotation rules
 * @param rsaKeySize 2048 or 3072
 * @param keyStore where the ring is kept
 * @param keyEncryptionKey the base64 AES-256 key that seals private keys, if given
 * @param targets where the JWK Set (and, for Secret Manager, the signing key) is published
 * @param jwksUrl the public URL of the published set, probed by the health check
 * @param httpTimeout the longest wait for one HTTP call
 */
record JwtSettings(
    RotationPolicy policy,
    int rsaKeySize,
    KeyStoreSettings keyStore,
    Optional<Secret> keyEncryptionKey,
    List<TargetSettings> targets,
    Optional<URI> jwksUrl,
    Duration httpTimeout) {

  static final String KEY_ENCRYPTION_KEY = "keyEncryptionKey";
  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
  static final String DEFAULT_SECRET_MANAGER = "https://secretmanager.googleapis.com";

  /** The kinds of key store. */
  enum KeyStoreType {
    FILE,
    MONGODB
  }

  /** The kinds of publication target, by their protocol name. */
  enum TargetType {
    FILE("file"),
    MONGODB("mongodb"),
    HTTP("http"),
    GCP_SECRET_MANAGER("gcp-secret-manager");

    final String protocolName;

    TargetType(String protocolName) {
      this.protocolName = protocolName;
    }

    static Optional<TargetType> named(String name) {
      for (TargetType type : values()) {
        if (type.protocolName.equals(name)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Where the ring is kept.
   *
   * @param type file or mongodb
   * @param directory the file store's directory, relative to the task's data directory
   * @param resource the MongoDB resource name
   * @param collection the MongoDB collection
   */
  record KeyStoreSettings(
      KeyStoreType type, String directory, String resource, String collection) {}

  /**
   * One publication target.
   *
   * @param index its position in the list, for messages and backups
   * @param type its type
   * @param section its settings
   */
  record TargetSettings(int index, TargetType type, Settings section) {
    /** The key of this section, for messages: {@code targets.0}. */
    String key() {
      return "targets." + index;
    }
  }

  /** The settings the task accepts. */
  static SettingsSpec spec() {
    return SettingsSpec.builder()
        .choice("algorithm", "signing algorithm of new keys", "ES256", "RS256", "EdDSA")
        .integer("rsaKeySize", 2048, "modulus size of RS256 keys: 2048 or 3072")
        .duration("rotationPeriod", Duration.ofDays(30), "how long a key signs before the next")
        .duration("tokenLifetime", Duration.ofHours(1), "longest lifetime of a signed token")
        .duration(
            "verifierCacheTtl", Duration.ofMinutes(10), "how long verifiers cache the JWK Set")
        .section("keyStore", keyStoreSpec(), "where the key ring is kept")
        .optionalSecret(
            KEY_ENCRYPTION_KEY,
            "base64 256-bit AES key sealing private keys; required for the MongoDB store")
        .sections("targets", targetSpec(), "where the JWK Set is published")
        .uri("jwksUrl", null, "public URL of the published JWK Set, checked by health")
        .duration("httpTimeout", Duration.ofSeconds(30), "longest wait for one HTTP call")
        .build();
  }

  private static SettingsSpec keyStoreSpec() {
    return SettingsSpec.builder()
        .choice("type", "file (under the task's data directory) or mongodb", "file", "mongodb")
        .string("directory", "keys", "file store directory, relative to the data directory")
        .string("resource", "mongo", "MongoDB resource of the mongodb store")
        .string("collection", "jwt_keys", "MongoDB collection of the mongodb store")
        .build();
  }

  private static SettingsSpec targetSpec() {
    List<String> types = new ArrayList<>();
    for (TargetType type : TargetType.values()) {
      types.add(type.protocolName);
    }
    return SettingsSpec.builder()
        .add(
            new SettingSpec(
                "type", SettingType.STRING, true, null, "target type", SettingsSpec.empty(), types))
        .path("path", null, "file: where to write the set, e.g. site/.well-known/jwks.json")
        .string("resource", "mongo", "mongodb: the MongoDB resource")
        .string("collection", "jwks", "mongodb: the collection")
        .string("documentId", "jwks", "mongodb: the document _id")
        .uri("url", null, "http: the URL the set is PUT to")
        .optionalSecret("token", "http: the bearer token")
        .string("project", null, "gcp-secret-manager: the Google Cloud project id")
        .string("secret", null, "gcp-secret-manager: the secret id")
        .optionalSecret("serviceAccountKey", "gcp-secret-manager: service account key JSON")
        .uri("tokenUri", null, "gcp-secret-manager: OAuth token endpoint (default from the key)")
        .uri("secretManagerBaseUrl", DEFAULT_SECRET_MANAGER, "gcp-secret-manager: API base URL")
        .build();
  }

  /** Reads and checks {@code settings}. */
  static JwtSettings from(Settings settings) throws SettingsException {
    RotationPolicy policy = policy(settings);
    KeyStoreSettings keyStore = keyStore(settings.section("keyStore"));
    Optional<Secret> kek = settings.find(KEY_ENCRYPTION_KEY, Secret.class);
    if (keyStore.type() == KeyStoreType.MONGODB && kek.isEmpty()) {
      throw new SettingsException(
          KEY_ENCRYPTION_KEY,
          "the mongodb key store keeps private keys encrypted: set keyEncryptionKey to a "
              + "${VAR} holding a base64 256-bit key (openssl rand -base64 32)");
    }
    return new JwtSettings(
        policy,
        rsaKeySize(settings),
        keyStore,
        kek,
        targets(settings),
        settings.find("jwksUrl", URI.class),
        positive(settings, "httpTimeout", Duration.ofSeconds(30)));
  }

  private static RotationPolicy policy(Settings settings) throws SettingsException {
    String name = settings.find("algorithm", String.class).orElse("ES256");
    KeyAlgorithm algorithm =
        KeyAlgorithm.fromJwaName(name)
            .orElseThrow(
                () ->
                    new SettingsException(
                        "algorithm",
                        "unknown algorithm '" + name + "'; use RS256, ES256 or EdDSA"));
    Duration period = positive(settings, "rotationPeriod", Duration.ofDays(30));
    Duration lifetime = positive(settings, "tokenLifetime", Duration.ofHours(1));
    Duration cache = positive(settings, "verifierCacheTtl", Duration.ofMinutes(10));
    if (period.compareTo(cache) <= 0) {
      throw new SettingsException(
          "rotationPeriod",
          "rotationPeriod ("
              + period
              + ") must be longer than verifierCacheTtl ("
              + cache
              + "): a next key must be published a cache lifetime before it signs");
    }
    return new RotationPolicy(period, lifetime, cache, algorithm);
  }

  private static int rsaKeySize(Settings settings) throws SettingsException {
    int size = settings.find("rsaKeySize", Integer.class).orElse(2048);
    if (size != 2048 && size != 3072) {
      throw new SettingsException(
          "rsaKeySize", "rsaKeySize is " + size + "; it must be 2048 or 3072");
    }
    return size;
  }

  private static Duration positive(Settings settings, String key, Duration fallback)
      throws SettingsException {
    Duration value = settings.find(key, Duration.class).orElse(fallback);
    if (value.isNegative() || value.isZero()) {
      throw new SettingsException(key, key + " is " + value + "; it must be positive");
    }
    return value;
  }

  private static KeyStoreSettings keyStore(Settings section) {
    String type = section.find("type", String.class).orElse("file");
    return new KeyStoreSettings(
        "mongodb".equals(type) ? KeyStoreType.MONGODB : KeyStoreType.FILE,
        section.find("directory", String.class).orElse("keys"),
        section.find("resource", String.class).orElse("mongo"),
        section.find("collection", String.class).orElse("jwt_keys"));
  }

  private static List<TargetSettings> targets(Settings settings) throws SettingsException {
    List<TargetSettings> targets = new ArrayList<>();
    if (!settings.has("targets")) {
      return targets;
    }
    List<Settings> sections = settings.sections("targets");
    for (int i = 0; i < sections.size(); i++) {
      targets.add(target(i, sections.get(i)));
    }
    return targets;
  }

  private static TargetSettings target(int index, Settings section) throws SettingsException {
    String key = "targets." + index;
    String name = section.find("type", String.class).orElse("");
    TargetType type =
        TargetType.named(name)
            .orElseThrow(
                () ->
                    new SettingsException(
                        key + ".type",
                        "unknown target type '"
                            + name
                            + "'; use file, mongodb, http or gcp-secret-manager"));
    for (String required : requiredKeys(type)) {
      if (!section.has(required)) {
        throw new SettingsException(
            key + "." + required, "a " + name + " target needs '" + required + "'");
      }
    }
    return new TargetSettings(index, type, section);
  }

  private static List<String> requiredKeys(TargetType type) {
    return switch (type) {
      case FILE -> List.of("path");
      case MONGODB -> List.of();
      case HTTP -> List.of("url", "token");
      case GCP_SECRET_MANAGER -> List.of("project", "secret", "serviceAccountKey");
    };
  }
}
