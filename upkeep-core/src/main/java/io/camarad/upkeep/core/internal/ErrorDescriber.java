package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.ErrorInfo;
import java.util.List;
import java.util.function.UnaryOperator;

/** Turns failures into {@link ErrorInfo}s for reports, with secrets masked. */
public final class ErrorDescriber {
  private ErrorDescriber() {}

  /** The failure's type and message, with the first distinct cause appended. */
  public static ErrorInfo describe(Throwable failure, UnaryOperator<String> masker) {
    String type =
        failure instanceof SanitizedException s
            ? simpleName(s.originalType())
            : failure.getClass().getSimpleName();
    return new ErrorInfo(type, masker.apply(messageOf(failure)), List.of());
  }

  private static String messageOf(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    Throwable cause = failure.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      String causeType =
          cause instanceof SanitizedException s
              ? simpleName(s.originalType())
              : cause.getClass().getSimpleName();
      message =
          message
              + (message.isEmpty() ? "" : " ")
              + "(caused by "
              + causeType
              + ": "
              + cause.getMessage()
              + ")";
    }
    return message.isEmpty() ? failure.getClass().getName() : message;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
