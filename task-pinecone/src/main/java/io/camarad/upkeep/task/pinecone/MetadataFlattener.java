package io.camarad.upkeep.task.pinecone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes metadata acceptable to Pinecone: flat (nested keys joined with dots), no nulls, values that
 * are strings, numbers, booleans or lists of strings (other lists are written as JSON text), and at
 * most {@code maxBytes} of JSON per record. When a record is too large, its longest strings are cut
 * and end with {@value #TRUNCATION_MARKER}; fields that are never cut (ids, hashes) are named by
 * the caller.
 */
final class MetadataFlattener {
  static final String TRUNCATION_MARKER = "…[truncated]";
  static final int DEFAULT_MAX_BYTES = 40 * 1024;

  private final ObjectMapper json;
  private final int maxBytes;

  MetadataFlattener(ObjectMapper json, int maxBytes) {
    this.json = json;
    this.maxBytes = maxBytes;
  }

  /** The flattened form of {@code nested}, in key order, without a size limit. */
  Map<String, Object> flatten(Map<String, ?> nested) {
    Map<String, Object> flat = new LinkedHashMap<>();
    nested.forEach((key, value) -> put(flat, key, value));
    return flat;
  }

  /**
   * Cuts the longest strings of {@code metadata} (never those of {@code protectedKeys}) until its
   * JSON fits in the limit; drops a field when cutting strings is not enough.
   */
  Map<String, Object> fit(Map<String, Object> metadata, Set<String> protectedKeys) {
    Map<String, Object> fitted = new LinkedHashMap<>(metadata);
    int size = sizeOf(fitted);
    while (size > maxBytes) {
      String longest = longestKey(fitted, protectedKeys);
      if (longest == null) {
        throw new IllegalArgumentException(
            "metadata of " + size + " bytes cannot be cut below " + maxBytes + " bytes");
      }
      shrink(fitted, longest, size - maxBytes);
      size = sizeOf(fitted);
    }
    return fitted;
  }

  /** The size of the metadata as JSON, in bytes, as Pinecone counts it. */
  int sizeOf(Map<String, Object> metadata) {
    try {
      return json.writeValueAsBytes(metadata).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metadata cannot be written as JSON", e);
    }
  }

  private void put(Map<String, Object> flat, String key, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> put(flat, key + "." + k, v));
    } else if (value instanceof List<?> list) {
      flat.put(key, list(list));
    } else if (value instanceof Number || value instanceof Boolean || value instanceof String) {
      flat.put(key, value);
    } else if (value instanceof Date date) {
      flat.put(key, date.toInstant().toString());
    } else if (value instanceof TemporalAccessor temporal) {
      flat.put(key, temporal instanceof Instant instant ? instant.toString() : value.toString());
    } else {
      flat.put(key, value.toString());
    }
  }

  private Object list(List<?> list) {
    List<String> strings = new ArrayList<>();
    for (Object element : list) {
      if (!(element instanceof String string)) {
        return asJson(list);
      }
      strings.add(string);
    }
    return strings;
  }

  private String asJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static String longestKey(Map<String, Object> metadata, Set<String> protectedKeys) {
    String longest = null;
    int longestLength = 0;
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      int length = lengthOf(entry.getValue());
      if (!protectedKeys.contains(entry.getKey()) && length > longestLength) {
        longest = entry.getKey();
        longestLength = length;
      }
    }
    return longest;
  }

  private static int lengthOf(Object value) {
    if (value instanceof String string) {
      return string.length();
    }
    if (value instanceof List<?> list) {
      return list.stream().mapToInt(e -> e.toString().length() + 3).sum();
    }
    return 0;
  }

  private static void shrink(Map<String, Object> metadata, String key, int excessBytes) {
    Object value = metadata.get(key);
    if (!(value instanceof String string) || string.length() <= TRUNCATION_MARKER.length()) {
      metadata.remove(key);
      return;
    }
    int keep = cutLength(string, excessBytes + TRUNCATION_MARKER.length() * 3 + 16);
    metadata.put(key, string.substring(0, keep) + TRUNCATION_MARKER);
  }

  /** How many characters to keep so that at least {@code bytesToDrop} UTF-8 bytes go. */
  private static int cutLength(String string, int bytesToDrop) {
    int dropped = 0;
    int index = string.length();
    while (index > 0 && dropped < bytesToDrop) {
      int codePoint = string.codePointBefore(index);
      index -= Character.charCount(codePoint);
      dropped += utf8Length(codePoint) + (needsEscape(codePoint) ? 5 : 0);
    }
    return index;
  }

  private static int utf8Length(int codePoint) {
    return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean needsEscape(int codePoint) {
    return codePoint < 0x20 || codePoint == '"' || codePoint == '\\';
  }
}
