package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The task's one JSON mapper; thread-safe once configured. Vectors are most of what the task reads
 * and writes (a thousand numbers each), so numbers are parsed and written with Jackson's fast
 * floating-point codecs.
 */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .build());

  private Json() {}
}
