package io.camarad.upkeep.api;

import java.util.List;
import java.util.Objects;

/**
 * One declared setting.
 *
 * @param key the key in the protocol file, camelCase
 * @param type its type
 * @param required whether it must be given (a required setting has no default)
 * @param defaultValue the default as it would be written in the protocol ({@code "30d"}, {@code
 *     1000}), or {@code null} for none
 * @param description one line, shown by {@code camarad config}
 * @param children the spec of a {@link SettingType#SECTION} or {@link SettingType#SECTION_LIST},
 *     else empty
 * @param allowedValues for a string, the values it may take; empty means any
 * @since 0.1
 */
public record SettingSpec(
    String key,
    SettingType type,
    boolean required,
    Object defaultValue,
    String description,
    SettingsSpec children,
    List<String> allowedValues) {

  public SettingSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(children, "children");
    allowedValues = List.copyOf(allowedValues);
    if (required && defaultValue != null) {
      throw new IllegalArgumentException("setting '" + key + "' is required and has a default");
    }
  }
}
