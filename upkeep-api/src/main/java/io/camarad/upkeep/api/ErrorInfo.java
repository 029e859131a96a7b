package io.camarad.upkeep.api;

import java.util.List;
import java.util.Objects;

/**
 * An error as reported: its type and message (with secrets masked), and the failures attached to it
 * (a failure while undoing is attached to the failure that caused the undo, never put in its
 * place).
 *
 * @param type the exception's simple class name
 * @param message the message, secrets masked
 * @param attached later failures attached to this one
 * @since 0.1
 */
public record ErrorInfo(String type, String message, List<ErrorInfo> attached) {
  public ErrorInfo {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    attached = List.copyOf(attached);
  }

  /** A copy with {@code later} attached. */
  public ErrorInfo attach(ErrorInfo later) {
    var all = new java.util.ArrayList<>(attached);
    all.add(later);
    return new ErrorInfo(type, message, all);
  }
}
