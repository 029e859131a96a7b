package io.camarad.upkeep.api;

import java.util.Objects;

/**
 * A secret value (an API key, a token, a webhook URL). It never prints itself: {@link #toString()}
 * shows only the name it came from. Call {@link #reveal()} at the last moment, to put it in a
 * request header, and never log the result.
 *
 * @since 0.1
 */
public final class Secret {
  private final String name;
  private final String value;

  private Secret(String name, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** A secret with the name it came from (an environment variable, a setting key) and its value. */
  public static Secret of(String name, String value) {
    return new Secret(name, value);
  }

  /** Where the secret came from, safe to print. */
  public String name() {
    return name;
  }

  /** The secret value. Never log it, never put it in an exception message. */
  public String reveal() {
    return value;
  }

  /** Whether the value is empty. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "Secret[" + name + "=****]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && name.equals(that.name) && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value);
  }
}
