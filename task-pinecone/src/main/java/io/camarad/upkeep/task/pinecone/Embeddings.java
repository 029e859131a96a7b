package io.camarad.upkeep.task.pinecone;

import java.util.List;
import java.util.OptionalLong;

/**
 * The vectors of one embedding request, in input order.
 *
 * @param vectors one vector per input
 * @param tokens the tokens the provider says it used, when it says so
 */
record Embeddings(List<JsonVector> vectors, OptionalLong tokens) {
  Embeddings {
    vectors = List.copyOf(vectors);
  }
}
