package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.TaskContext;
import java.util.Optional;

/** A place the task publishes to: a file, a document, an HTTP endpoint, a secret. */
interface PublicationTarget {

  /** What and where, for plans and messages (never a secret). */
  String describe();

  /**
   * What the target holds now, kept before publishing so that undo can put it back; empty when the
   * target holds nothing or cannot be read back (undo then republishes the previous ring).
   */
  Optional<String> snapshot(TaskContext context) throws Exception;

  /**
   * What identifies {@code publication} for this target: when it equals the one recorded at the
   * last publication (and {@link #holds} agrees), the target is not written again.
   */
  default String digest(Publication publication) {
    return publication.digest();
  }

  /**
   * Whether the target can be seen to hold {@code publication} already. Targets that cannot be read
   * back cheaply answer {@code true} and are trusted to hold what was last published.
   */
  boolean holds(TaskContext context, Publication publication) throws Exception;

  /**
   * Publishes {@code publication}.
   *
   * @return a receipt to keep for undo (for example the secret version added), or empty
   */
  Optional<String> publish(TaskContext context, Publication publication) throws Exception;

  /**
   * Puts back what the target held before this run.
   *
   * @param snapshot what {@link #snapshot} returned before publishing
   * @param receipt what {@link #publish} returned, if it returned
   * @param previous what the previous ring publishes
   */
  void restore(
      TaskContext context,
      Optional<String> snapshot,
      Optional<String> receipt,
      Publication previous)
      throws Exception;
}
