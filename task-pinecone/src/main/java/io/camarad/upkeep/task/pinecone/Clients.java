package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.TaskContext;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients of one call of the task: Pinecone (control plane, data plane, inference) and,
 * when chosen, an OpenAI-compatible embedding endpoint. Timeouts never reach past the task's
 * deadline. Closed when the call ends.
 */
final class Clients implements AutoCloseable {
  private final OkHttpClient client;
  private final JsonHttp pinecone;
  private final Embedder embedder;
  private final PineconeIndex index;

  Clients(TaskContext context, PineconeSettings settings, ObjectMapper json) {
    Duration timeout = context.timeout(settings.requestTimeout());
    if (timeout.isZero()) {
      timeout = Duration.ofMillis(1);
    }
    this.client =
        new OkHttpClient.Builder()
            .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .connectionPool(new ConnectionPool(settings.concurrency() + 2, 1, TimeUnit.MINUTES))
            .socketFactory(new NoDelaySockets())
            .build();
    this.pinecone = pineconeHttp(context, settings, json);
    this.embedder = embedder(context, settings, json);
    this.index = new PineconeIndex(pinecone, json, settings.index(), settings.namespace());
  }

  private JsonHttp pineconeHttp(TaskContext context, PineconeSettings settings, ObjectMapper json) {
    Headers headers =
        new Headers.Builder()
            .set("Api-Key", settings.apiKey().reveal())
            .set("X-Pinecone-Api-Version", PineconeSettings.API_VERSION)
            .set("User-Agent", "upkeep-task-pinecone")
            .build();
    return new JsonHttp(
        "pinecone",
        client,
        json,
        context.services(),
        context.usage(),
        headers,
        List.of(settings.apiKey()));
  }

  private Embedder embedder(TaskContext context, PineconeSettings settings, ObjectMapper json) {
    PineconeSettings.EmbeddingSettings embedding = settings.embedding();
    OptionalInt dimension =
        embedding.dimension().map(OptionalInt::of).orElseGet(() -> known(embedding.model()));
    if (embedding.provider() == PineconeSettings.Provider.PINECONE) {
      return new PineconeEmbedder(
          pinecone,
          json,
          HttpUrl.get(embedding.inferenceBaseUrl().toString()),
          embedding.model(),
          embedding.batchSize(),
          dimension);
    }
    Secret key = embedding.openaiApiKey().orElseThrow();
    Headers headers = new Headers.Builder().set("Authorization", "Bearer " + key.reveal()).build();
    JsonHttp openai =
        new JsonHttp(
            embedding.service(),
            client,
            json,
            context.services(),
            context.usage(),
            headers,
            List.of(key, settings.apiKey()));
    return new OpenAiEmbedder(
        openai,
        json,
        HttpUrl.get(embedding.openaiBaseUrl().toString()),
        embedding.model(),
        embedding.batchSize(),
        dimension,
        embedding.dimension().isPresent() && embedding.model().startsWith("text-embedding-3"));
  }

  private static OptionalInt known(String model) {
    Integer dimension = Embedder.KNOWN_DIMENSIONS.get(model);
    return dimension == null ? OptionalInt.empty() : OptionalInt.of(dimension);
  }

  Embedder embedder() {
    return embedder;
  }

  PineconeIndex index() {
    return index;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
