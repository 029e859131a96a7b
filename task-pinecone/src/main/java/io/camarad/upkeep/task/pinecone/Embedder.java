package io.camarad.upkeep.task.pinecone;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** An embedding endpoint: Pinecone's hosted inference, or an OpenAI-compatible one. */
sealed interface Embedder permits PineconeEmbedder, OpenAiEmbedder {

  /** Dimensions of models whose size is fixed and published. */
  Map<String, Integer> KNOWN_DIMENSIONS =
      Map.of(
          "multilingual-e5-large", 1024,
          "llama-text-embed-v2", 1024,
          "text-embedding-3-small", 1536,
          "text-embedding-3-large", 3072,
          "text-embedding-ada-002", 1536);

  /** The model name. */
  String model();

  /** The most inputs one request may carry. */
  int batchSize();

  /** The model's dimension, when it is known before embedding anything. */
  OptionalInt dimension();

  /**
   * Embeds up to {@link #batchSize()} texts as passages, through the engine's retry policy.
   *
   * @throws io.camarad.upkeep.api.ServiceException when the endpoint fails or answers with the
   *     wrong number of vectors
   */
  Embeddings embed(List<String> texts) throws Exception;
}
