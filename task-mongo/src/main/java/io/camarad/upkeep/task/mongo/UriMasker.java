package io.camarad.upkeep.task.mongo;

import java.util.regex.Pattern;

/** Masks credentials in MongoDB connection strings before they reach a message or a log. */
final class UriMasker {
  private static final Pattern CREDENTIALS =
      Pattern.compile("(mongodb(?:\\+srv)?://)[^@/\\s]+@");

  private UriMasker() {}

  /** {@code mongodb://user:pw@host} becomes {@code mongodb://****@host}. */
  static String maskAll(String text) {
    return text == null ? "" : CREDENTIALS.matcher(text).replaceAll("$1****@");
  }
}
