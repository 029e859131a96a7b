package io.camarad.upkeep.core.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Masks secret values in text before it reaches a log, a report, a notification or an exception
 * message. Every secret the configuration resolves is registered here; credentials in URLs ({@code
 * scheme://user:password@host}) are masked whether registered or not.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not masked: replacing every {@code
 * "1"} in a report would make it unreadable while hiding nothing worth hiding. Thread-safe.
 */
public final class SecretMasker {
  /** Shorter values are not registered. */
  public static final int MIN_LENGTH = 4;

  static final String MASK = "****";
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Registers a secret value (and its URL-encoded form) to be masked from now on. */
  public void register(String secretValue) {
    if (secretValue == null || secretValue.length() < MIN_LENGTH) {
      return;
    }
    secrets.add(secretValue);
    secrets.add(URLEncoder.encode(secretValue, StandardCharsets.UTF_8));
  }

  /** Whether any secret is registered. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** The text with every registered secret and every URL password replaced by {@code ****}. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String secret : longestFirst()) {
      masked = masked.replace(secret, MASK);
    }
    return URL_CREDENTIALS.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  private List<String> longestFirst() {
    return secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }
}
