package io.camarad.upkeep.task.mongo;

import java.util.regex.Pattern;

/** Masks credentials in connection strings before they reach a message or a log. */
final class UriMasker {
  private static final Pattern CREDENTIALS =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s'\"]*@");

  private UriMasker() {}

  // Masks up to the last '@' of the token: an unencoded '@' or '/' in a password must not leak
  // its tail, and masking a little too much is the safe side.

  /** {@code mongodb://user:pw@host} becomes {@code mongodb://****@host}, in any scheme. */
  static String maskAll(String text) {
    return text == null ? "" : CREDENTIALS.matcher(text).replaceAll("$1****@");
  }
}
