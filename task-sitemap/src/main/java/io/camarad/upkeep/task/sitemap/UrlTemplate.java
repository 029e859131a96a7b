package io.camarad.upkeep.task.sitemap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A page URL template such as {@code pages/{+id}} or {@code https://example.com/{lang}/{slug}}.
 *
 * <p>{@code {field}} is replaced by the field's value percent-escaped as one path segment (RFC
 * 3986): every byte of its UTF-8 form other than the unreserved characters {@code A-Z a-z 0-9 - . _
 * ~} is written as {@code %XX}, so {@code common/[} becomes {@code common%2F%5B}. {@code {+field}}
 * escapes the same way but keeps {@code /}, for ids that are paths: {@code common/[} becomes {@code
 * common/%5B}. A segment that is exactly {@code .} or {@code ..} has its dots escaped too, so that
 * no value can climb out of its path. Text outside braces is copied as written.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class UrlTemplate {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String text;
  private final List<Part> parts;

  private UrlTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException for an unclosed or empty brace, naming the position
   */
  public static UrlTemplate parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf('{', at);
      if (open < 0) {
        parts.add(new Literal(text.substring(at)));
        break;
      }
      if (open > at) {
        parts.add(new Literal(text.substring(at, open)));
      }
      at = parseVariable(text, open, parts);
    }
    return new UrlTemplate(text, parts);
  }

  private static int parseVariable(String text, int open, List<Part> parts) {
    int close = text.indexOf('}', open);
    if (close < 0) {
      throw new IllegalArgumentException(
          "URL template '" + text + "' has an unclosed '{' at position " + open);
    }
    String name = text.substring(open + 1, close);
    boolean keepSlash = name.startsWith("+");
    String field = keepSlash ? name.substring(1) : name;
    if (field.isBlank() || field.contains("{")) {
      throw new IllegalArgumentException(
          "URL template '"
              + text
              + "' has an empty or malformed field at position "
              + open
              + "; write {field} or {+field}");
    }
    parts.add(new Variable(field, keepSlash));
    return close + 1;
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** The document fields the template reads, in order of appearance. */
  public Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Variable variable) {
        fields.add(variable.field());
      }
    }
    return fields;
  }

  /**
   * Expands the template.
   *
   * @param values the value of a field, or {@code null} when the document lacks it
   * @return the URL, or {@code null} when a field is missing or empty (see {@link #missingField})
   */
  public String expand(Function<String, Object> values) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Variable variable) {
        Object value = values.apply(variable.field());
        if (value == null || value.toString().isEmpty()) {
          return null;
        }
        escape(value.toString(), variable.keepSlash(), out);
      }
    }
    return out.toString();
  }

  /** The first field that {@code values} lacks or holds empty, or {@code null}. */
  public String missingField(Function<String, Object> values) {
    for (String field : fields()) {
      Object value = values.apply(field);
      if (value == null || value.toString().isEmpty()) {
        return field;
      }
    }
    return null;
  }

  /** Appends {@code value} escaped as path segments ({@code keepSlash}) or as one segment. */
  static void escape(String value, boolean keepSlash, StringBuilder out) {
    int segmentStart = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || (keepSlash && value.charAt(i) == '/')) {
        escapeSegment(value, segmentStart, i, out);
        if (i < value.length()) {
          out.append('/');
        }
        segmentStart = i + 1;
      }
    }
  }

  private static void escapeSegment(String value, int from, int to, StringBuilder out) {
    int length = to - from;
    boolean dots =
        (length == 1 || length == 2) && value.startsWith("..".substring(0, length), from);
    if (dots) {
      out.append("%2E".repeat(length));
      return;
    }
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (isUnreserved(c)) {
        out.append(c);
      } else if (c < 0x80) {
        appendByte(c, out);
      } else {
        i = appendUtf8(value, i, to, out);
      }
    }
  }

  private static int appendUtf8(String value, int at, int to, StringBuilder out) {
    int end = Character.isHighSurrogate(value.charAt(at)) && at + 1 < to ? at + 2 : at + 1;
    for (byte b : value.substring(at, end).getBytes(StandardCharsets.UTF_8)) {
      appendByte(b & 0xFF, out);
    }
    return end - 1;
  }

  private static void appendByte(int b, StringBuilder out) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
  }

  static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  @Override
  public String toString() {
    return text;
  }

  private sealed interface Part permits Literal, Variable {}

  private record Literal(String text) implements Part {}

  private record Variable(String field, boolean keepSlash) implements Part {}
}
