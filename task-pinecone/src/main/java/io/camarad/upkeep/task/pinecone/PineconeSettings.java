package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The validated settings of the Pinecone task, read once per call from the protocol section. */
record PineconeSettings(
    String index,
    Secret apiKey,
    URI controlBaseUrl,
    Optional<URI> indexHost,
    String namespace,
    SourceSettings source,
    int chunkSize,
    int chunkOverlap,
    EmbeddingSettings embedding,
    int upsertMaxVectors,
    long upsertMaxBytes,
    int concurrency,
    Mode mode,
    Duration interval,
    RecordSettings records,
    boolean verify,
    Duration verifyTimeout,
    Duration verifyPollInterval,
    Duration requestTimeout) {

  static final String API_VERSION = "2025-10";
  static final String DEFAULT_CONTROL_URL = "https://api.pinecone.io";
  static final String DEFAULT_MODEL = "multilingual-e5-large";
  static final int PINECONE_MAX_VECTORS = 1000;
  static final long PINECONE_MAX_BYTES = 2L * 1024 * 1024;

  /** Incremental embeds only what changed; full re-embeds every chunk. */
  enum Mode {
    INCREMENTAL,
    FULL
  }

  /** Where documents come from. */
  enum SourceType {
    MONGODB,
    JSONL
  }

  /** Where the per-chunk records are kept. */
  enum RecordStoreType {
    FILE,
    MONGODB
  }

  /** Which embedding endpoint to call. */
  enum Provider {
    PINECONE,
    OPENAI
  }

  record SourceSettings(
      SourceType type,
      String resource,
      String collection,
      Optional<Path> file,
      String idField,
      List<String> textFields,
      List<String> metadataFields) {}

  record EmbeddingSettings(
      Provider provider,
      URI inferenceBaseUrl,
      URI openaiBaseUrl,
      Optional<Secret> openaiApiKey,
      String model,
      int batchSize,
      Optional<Integer> dimension,
      String service) {}

  record RecordSettings(RecordStoreType type, String resource, String collection) {}

  static SettingsSpec spec() {
    return SettingsSpec.builder()
        .requiredString("index", "name of the Pinecone index")
        .secret("apiKey", "Pinecone API key, as ${PINECONE_API_KEY}")
        .uri("controlBaseUrl", DEFAULT_CONTROL_URL, "Pinecone control plane base URL")
        .uri("indexHost", null, "data-plane URL with scheme; default: resolved from the index")
        .string("namespace", "", "namespace of the vectors; \"\" is the default namespace")
        .choice("source", "where documents come from", "mongodb", "jsonl")
        .string("resource", "mongo", "MongoDB resource of the source and the records")
        .string("collection", "pages", "MongoDB collection holding the documents")
        .path("file", null, "JSON-lines file of documents (optionally .gz), for source jsonl")
        .string("idField", "id", "field holding the document id")
        .strings("textFields", List.of("title", "summary", "markdown"), "fields embedded")
        .strings("metadataFields", List.of(), "fields copied into the vector metadata")
        .integer("chunkSize", 2000, "maximum characters per chunk")
        .integer("chunkOverlap", 200, "characters shared by consecutive chunks")
        .choice("embeddingProvider", "embedding endpoint", "pinecone", "openai")
        .uri("inferenceBaseUrl", DEFAULT_CONTROL_URL, "Pinecone inference base URL")
        .uri("openaiBaseUrl", "https://api.openai.com", "OpenAI-compatible base URL")
        .optionalSecret("openaiApiKey", "key of the OpenAI-compatible endpoint")
        .string("model", DEFAULT_MODEL, "embedding model")
        .integer("embeddingBatchSize", null, "inputs per embedding request (96 for Pinecone)")
        .integer("dimension", null, "the model's dimension, when it is not a known model")
        .integer("upsertMaxVectors", PINECONE_MAX_VECTORS, "vectors per upsert request")
        .longValue("upsertMaxBytes", 2_000_000L, "bytes of JSON per upsert request")
        .integer("concurrency", 4, "requests in flight at once")
        .choice(
            "mode", "incremental embeds what changed; full re-embeds all", "incremental", "full")
        .duration("interval", Duration.ofHours(24), "longest time between two full checks")
        .choice("records", "where the per-chunk records are kept", "file", "mongodb")
        .string("recordsCollection", "pinecone_records", "MongoDB collection of the records")
        .bool("verify", true, "check the index against the source after writing")
        .duration("verifyTimeout", Duration.ofSeconds(60), "how long to wait for the counts")
        .duration("verifyPollInterval", Duration.ofSeconds(2), "wait between two checks")
        .duration("requestTimeout", Duration.ofSeconds(30), "timeout of one HTTP request")
        .build();
  }

  static PineconeSettings from(Settings settings) throws SettingsException {
    PineconeSettings parsed =
        new PineconeSettings(
            settings.string("index"),
            settings.secret("apiKey"),
            settings.uri("controlBaseUrl"),
            settings.find("indexHost", URI.class),
            settings.find("namespace", String.class).orElse(""),
            source(settings),
            settings.integer("chunkSize"),
            settings.integer("chunkOverlap"),
            embedding(settings),
            settings.integer("upsertMaxVectors"),
            settings.longValue("upsertMaxBytes"),
            settings.integer("concurrency"),
            Mode.valueOf(upper(settings.string("mode"))),
            settings.duration("interval"),
            new RecordSettings(
                RecordStoreType.valueOf(upper(settings.string("records"))),
                settings.string("resource"),
                settings.string("recordsCollection")),
            settings.bool("verify"),
            settings.duration("verifyTimeout"),
            settings.duration("verifyPollInterval"),
            settings.duration("requestTimeout"));
    parsed.check();
    return parsed;
  }

  private static SourceSettings source(Settings settings) {
    return new SourceSettings(
        SourceType.valueOf(upper(settings.string("source"))),
        settings.string("resource"),
        settings.string("collection"),
        settings.find("file", Path.class),
        settings.string("idField"),
        settings.strings("textFields"),
        settings.strings("metadataFields"));
  }

  private static EmbeddingSettings embedding(Settings settings) {
    Provider provider = Provider.valueOf(upper(settings.string("embeddingProvider")));
    int defaultBatch = provider == Provider.PINECONE ? 96 : 256;
    return new EmbeddingSettings(
        provider,
        settings.uri("inferenceBaseUrl"),
        settings.uri("openaiBaseUrl"),
        settings.find("openaiApiKey", Secret.class),
        settings.string("model"),
        settings.find("embeddingBatchSize", Integer.class).orElse(defaultBatch),
        settings.find("dimension", Integer.class),
        provider == Provider.PINECONE ? "pinecone" : "openai");
  }

  private static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }

  private void check() throws SettingsException {
    positive("chunkSize", chunkSize);
    if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
      throw new SettingsException(
          "chunkOverlap",
          "chunkOverlap is "
              + chunkOverlap
              + " but must be at least 0 and below chunkSize ("
              + chunkSize
              + "); lower it, for example to "
              + chunkSize / 10);
    }
    positive("concurrency", concurrency);
    positive("embeddingBatchSize", embedding.batchSize());
    checkUpsertLimits();
    if (source.type() == SourceType.JSONL && source.file().isEmpty()) {
      throw new SettingsException(
          "file", "source is jsonl but no file is set; set file: to a .jsonl or .jsonl.gz file");
    }
    if (source.textFields().isEmpty()) {
      throw new SettingsException("textFields", "textFields is empty; name at least one field");
    }
    checkEmbedding();
    if (indexHost.isPresent() && indexHost.get().getScheme() == null) {
      throw new SettingsException(
          "indexHost",
          "indexHost '"
              + indexHost.get()
              + "' has no scheme; write it as https://"
              + indexHost.get());
    }
  }

  private void checkUpsertLimits() throws SettingsException {
    if (upsertMaxVectors < 1 || upsertMaxVectors > PINECONE_MAX_VECTORS) {
      throw new SettingsException(
          "upsertMaxVectors",
          "upsertMaxVectors is " + upsertMaxVectors + "; Pinecone takes 1 to 1000 per upsert");
    }
    if (upsertMaxBytes < 10_000 || upsertMaxBytes > PINECONE_MAX_BYTES) {
      throw new SettingsException(
          "upsertMaxBytes",
          "upsertMaxBytes is "
              + upsertMaxBytes
              + "; Pinecone takes at most 2 MB (2097152 bytes) per upsert");
    }
  }

  private void checkEmbedding() throws SettingsException {
    if (embedding.provider() == Provider.PINECONE
        && embedding.batchSize() > 96
        && embedding.model().equals(DEFAULT_MODEL)) {
      throw new SettingsException(
          "embeddingBatchSize",
          "embeddingBatchSize is "
              + embedding.batchSize()
              + " but multilingual-e5-large takes at most 96 inputs a request; use 96");
    }
    if (embedding.provider() == Provider.OPENAI && embedding.openaiApiKey().isEmpty()) {
      throw new SettingsException(
          "openaiApiKey",
          "embeddingProvider is openai but openaiApiKey is not set; set it as ${OPENAI_API_KEY}");
    }
  }

  private static void positive(String key, int value) throws SettingsException {
    if (value < 1) {
      throw new SettingsException(key, key + " is " + value + "; it must be at least 1");
    }
  }

  /** The namespace as it appears in URL paths: Pinecone names the default one __default__. */
  String pathNamespace() {
    return namespace.isEmpty() ? "__default__" : namespace;
  }
}
