package io.camarad.upkeep.task.jwt;

import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.TaskContext;
import io.camarad.upkeep.task.jwt.JwtSettings.KeyStoreSettings;
import io.camarad.upkeep.task.jwt.JwtSettings.TargetSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The task's parts for one call, built from its settings and context.
 *
 * @param settings the checked settings
 * @param store the key store
 * @param targets the publication targets, in protocol order
 * @param planner the rotation planner
 * @param archive the rollback copies
 * @param minter the key generator
 * @param http the HTTP sender (health probe)
 */
record TaskSetup(
    JwtSettings settings,
    KeyStore store,
    List<PublicationTarget> targets,
    RotationPlanner planner,
    RollbackArchive archive,
    KeyMinter minter,
    HttpSender http) {

  /** The default target when none is configured: the set beside the ring. */
  static final String DEFAULT_JWKS_FILE = "jwks.json";

  static TaskSetup open(TaskContext context, OkHttpClient client) throws SettingsException {
    JwtSettings settings = JwtSettings.from(context.settings());
    Optional<KeyEncryption> encryption = encryption(settings);
    RingCodec codec = new RingCodec(encryption);
    HttpSender http = new HttpSender(client, settings.httpTimeout());
    return new TaskSetup(
        settings,
        store(context, settings.keyStore(), codec),
        targets(context, settings, http),
        new RotationPlanner(settings.policy()),
        new RollbackArchive(context.dataDirectory(), codec),
        new KeyMinter(settings.rsaKeySize()),
        http);
  }

  /** An applier over this setup's store and targets. */
  RingApplier applier(RingApplier.Checkpoint checkpoint) {
    return new RingApplier(store, targets, archive, minter, checkpoint);
  }

  private static Optional<KeyEncryption> encryption(JwtSettings settings) throws SettingsException {
    if (settings.keyEncryptionKey().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        KeyEncryption.fromSecret(
            JwtSettings.KEY_ENCRYPTION_KEY, settings.keyEncryptionKey().get()));
  }

  private static KeyStore store(TaskContext context, KeyStoreSettings store, RingCodec codec) {
    return switch (store.type()) {
      case FILE -> new FileKeyStore(context.dataDirectory().resolve(store.directory()), codec);
      case MONGODB ->
          new MongoKeyStore(
              context
                  .resource(store.resource(), MongoDatabase.class)
                  .getCollection(store.collection()),
              codec);
    };
  }

  private static List<PublicationTarget> targets(
      TaskContext context, JwtSettings settings, HttpSender http) throws SettingsException {
    List<PublicationTarget> targets = new ArrayList<>();
    for (TargetSettings target : settings.targets()) {
      targets.add(target(context, target, http));
    }
    if (targets.isEmpty()) {
      targets.add(new FileTarget(context.dataDirectory().resolve(DEFAULT_JWKS_FILE)));
    }
    return targets;
  }

  private static PublicationTarget target(
      TaskContext context, TargetSettings target, HttpSender http) throws SettingsException {
    Settings section = target.section();
    return switch (target.type()) {
      case FILE -> new FileTarget(section.get("path", Path.class));
      case MONGODB ->
          new MongoTarget(
              context
                  .resource(
                      section.find("resource", String.class).orElse("mongo"), MongoDatabase.class)
                  .getCollection(section.find("collection", String.class).orElse("jwks")),
              section.find("documentId", String.class).orElse("jwks"));
      case HTTP ->
          new HttpTarget(http, section.get("url", URI.class), section.get("token", Secret.class));
      case GCP_SECRET_MANAGER -> secretManager(target, section, http);
    };
  }

  /** The service account key of a Secret Manager target, checked. */
  static GoogleServiceAccount serviceAccount(TargetSettings target) throws SettingsException {
    Settings section = target.section();
    return GoogleServiceAccount.parse(
        target.key() + ".serviceAccountKey",
        section.get("serviceAccountKey", Secret.class),
        section.find("tokenUri", URI.class));
  }

  private static PublicationTarget secretManager(
      TargetSettings target, Settings section, HttpSender http) throws SettingsException {
    GoogleServiceAccount account = serviceAccount(target);
    URI base =
        section
            .find("secretManagerBaseUrl", URI.class)
            .orElse(URI.create(JwtSettings.DEFAULT_SECRET_MANAGER));
    return new SecretManagerTarget(
        new GoogleTokenSource(account, http),
        http,
        base,
        section.get("project", String.class),
        section.get("secret", String.class));
  }
}
