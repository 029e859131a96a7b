package io.camarad.upkeep.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a task, notifier or provider accepts, built with {@link #builder()}:
 *
 * <pre>{@code
 * SettingsSpec.builder()
 *     .string("database", "camarad", "database name")
 *     .duration("retention", Duration.ofDays(30), "how long backups are kept")
 *     .secret("apiKey", "the API key, as ${PINECONE_API_KEY}")
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class SettingsSpec {
  private static final SettingsSpec EMPTY = new SettingsSpec(Map.of(), false);

  private final Map<String, SettingSpec> settings;
  private final boolean openEnded;

  private SettingsSpec(Map<String, SettingSpec> settings, boolean openEnded) {
    this.settings = settings;
    this.openEnded = openEnded;
  }

  /** A spec that accepts no settings. */
  public static SettingsSpec empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The declared settings, in declaration order. */
  public List<SettingSpec> settings() {
    return List.copyOf(settings.values());
  }

  /** The declaration of {@code key}. */
  public Optional<SettingSpec> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** Whether keys beyond the declared ones are accepted (and left unchecked). */
  public boolean openEnded() {
    return openEnded;
  }

  /** Builds a {@link SettingsSpec}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, SettingSpec> settings = new LinkedHashMap<>();
    private boolean openEnded;

    private Builder() {}

    /** Adds a setting; the general form behind the shortcuts below. */
    public Builder add(SettingSpec spec) {
      if (settings.putIfAbsent(spec.key(), spec) != null) {
        throw new IllegalArgumentException("setting '" + spec.key() + "' declared twice");
      }
      return this;
    }

    private Builder plain(String key, SettingType type, Object defaultValue, String description) {
      return add(
          new SettingSpec(
              key, type, false, defaultValue, description, SettingsSpec.empty(), List.of()));
    }

    private Builder mandatory(String key, SettingType type, String description) {
      return add(
          new SettingSpec(key, type, true, null, description, SettingsSpec.empty(), List.of()));
    }

    /** An optional string with a default ({@code null} for none). */
    public Builder string(String key, String defaultValue, String description) {
      return plain(key, SettingType.STRING, defaultValue, description);
    }

    /** A required string. */
    public Builder requiredString(String key, String description) {
      return mandatory(key, SettingType.STRING, description);
    }

    /** A string that must be one of {@code allowed}; the first is the default. */
    public Builder choice(String key, String description, String... allowed) {
      return add(
          new SettingSpec(
              key,
              SettingType.STRING,
              false,
              allowed[0],
              description,
              SettingsSpec.empty(),
              Arrays.asList(allowed)));
    }

    public Builder integer(String key, Integer defaultValue, String description) {
      return plain(key, SettingType.INTEGER, defaultValue, description);
    }

    public Builder longValue(String key, Long defaultValue, String description) {
      return plain(key, SettingType.LONG, defaultValue, description);
    }

    public Builder decimal(String key, Double defaultValue, String description) {
      return plain(key, SettingType.DECIMAL, defaultValue, description);
    }

    public Builder bool(String key, boolean defaultValue, String description) {
      return plain(key, SettingType.BOOLEAN, defaultValue, description);
    }

    /** A duration; the default is written back in the protocol's own notation. */
    public Builder duration(String key, Duration defaultValue, String description) {
      return plain(
          key,
          SettingType.DURATION,
          defaultValue == null ? null : defaultValue.toString(),
          description);
    }

    /** A required secret: a {@code ${VAR}} reference that must be set. */
    public Builder secret(String key, String description) {
      return mandatory(key, SettingType.SECRET, description);
    }

    /** An optional secret. */
    public Builder optionalSecret(String key, String description) {
      return plain(key, SettingType.SECRET, null, description);
    }

    public Builder uri(String key, String defaultValue, String description) {
      return plain(key, SettingType.URI, defaultValue, description);
    }

    public Builder requiredUri(String key, String description) {
      return mandatory(key, SettingType.URI, description);
    }

    public Builder path(String key, String defaultValue, String description) {
      return plain(key, SettingType.PATH, defaultValue, description);
    }

    public Builder strings(String key, List<String> defaultValue, String description) {
      return plain(
          key,
          SettingType.STRING_LIST,
          defaultValue == null ? null : new ArrayList<>(defaultValue),
          description);
    }

    /** A nested section; absent means empty with its defaults. */
    public Builder section(String key, SettingsSpec children, String description) {
      return add(
          new SettingSpec(key, SettingType.SECTION, false, null, description, children, List.of()));
    }

    /** A list of nested sections. */
    public Builder sections(String key, SettingsSpec children, String description) {
      return add(
          new SettingSpec(
              key, SettingType.SECTION_LIST, false, null, description, children, List.of()));
    }

    /** A free-form map. */
    public Builder map(String key, String description) {
      return plain(key, SettingType.MAP, null, description);
    }

    /** Any plain value. */
    public Builder any(String key, String description) {
      return plain(key, SettingType.ANY, null, description);
    }

    /** Accepts keys beyond those declared, unchecked. */
    public Builder openEnded() {
      this.openEnded = true;
      return this;
    }

    public SettingsSpec build() {
      return new SettingsSpec(new LinkedHashMap<>(settings), openEnded);
    }
  }
}
