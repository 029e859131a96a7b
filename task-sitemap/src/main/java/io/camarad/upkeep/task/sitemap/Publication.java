package io.camarad.upkeep.task.sitemap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camarad.upkeep.api.TaskState;
import java.util.List;
import java.util.Optional;

/**
 * A published generation as recorded in the task's state.
 *
 * @param generation its number
 * @param files its file names, the index (or single sitemap) first
 * @param urls how many URLs it lists
 * @param settings the settings fingerprint it was written with
 * @param runId the run that published it
 */
record Publication(long generation, List<String> files, long urls, String settings, String runId) {
  static final String CURRENT = "current";
  static final String PREVIOUS = "previous";
  static final String PENDING_PURGE = "pendingPurge";
  static final String LAST_APPLY_PUBLISHED = "lastApplyPublished";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  Publication {
    files = List.copyOf(files);
  }

  static Optional<Publication> read(TaskState state, String key) {
    return state.get(key).map(json -> parse(json, Publication.class));
  }

  static void write(TaskState state, String key, Publication publication) {
    state.put(key, json(publication));
  }

  static PendingPurge pending(TaskState state) {
    return state
        .get(PENDING_PURGE)
        .map(json -> parse(json, PendingPurge.class))
        .orElse(PendingPurge.NONE);
  }

  static void writePending(TaskState state, PendingPurge pending) {
    if (pending.isEmpty()) {
      state.remove(PENDING_PURGE);
    } else {
      state.put(PENDING_PURGE, json(pending));
    }
  }

  private static <T> T parse(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the sitemap task's state holds an unreadable "
              + type.getSimpleName()
              + " ("
              + e.getOriginalMessage()
              + "); remove it from the state directory to start afresh",
          e);
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
