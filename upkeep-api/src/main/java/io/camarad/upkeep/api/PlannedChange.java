package io.camarad.upkeep.api;

import java.util.Objects;

/**
 * One change in a plan, for example {@code ("insert", "roles", "3 documents")}.
 *
 * @param action a verb: create, insert, update, delete, rotate, publish, purge, ...
 * @param target what it acts on: a collection, a key id, a file, a URL
 * @param detail a short detail, possibly empty
 * @since 0.1
 */
public record PlannedChange(String action, String target, String detail) {
  public PlannedChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return detail.isEmpty() ? action + " " + target : action + " " + target + ": " + detail;
  }
}
