package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The task's one JSON mapper; thread-safe once configured. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
