package io.camarad.upkeep.task.sitemap;

/** Escapes text for XML element content and attribute values. */
final class XmlText {
  private XmlText() {}

  /** Appends {@code text} with {@code & < > " '} written as entities. */
  static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }
}
