package io.camarad.upkeep.task.mongo;

import java.util.List;
import java.util.stream.Collectors;

/** Declared indexes contradict existing ones; nothing was changed. */
final class IndexConflictException extends Exception {
  private static final long serialVersionUID = 1L;

  IndexConflictException(List<IndexConflict> conflicts) {
    super(
        conflicts.size()
            + " index conflict(s), nothing was changed: "
            + conflicts.stream().map(IndexConflict::describe).collect(Collectors.joining("; ")));
  }
}
