package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The notifier's settings, read and checked.
 *
 * @param routes the webhooks, in protocol order
 * @param postOnStart whether a "running" message is posted when a run starts, then edited
 * @param username the name messages are posted under, or {@code null} for the webhook's own
 * @param timeout the time limit of one HTTP call
 * @param retryBudget the most time one request may take, waits for rate limits included
 */
record DiscordSettings(
    List<WebhookRoute> routes,
    boolean postOnStart,
    String username,
    Duration timeout,
    Duration retryBudget) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(30);

  /** At most this many ids in one mention rule: their tokens then always fit in the content. */
  static final int MAX_MENTIONED_IDS = 50;

  private static final String EXAMPLE =
      "webhooks: [ { url: \"${DISCORD_WEBHOOK_URL}\" } ] with DISCORD_WEBHOOK_URL set";

  DiscordSettings {
    routes = List.copyOf(routes);
  }

  /** The settings a {@code discord} notifier entry accepts. */
  static SettingsSpec spec() {
    SettingsSpec mention =
        SettingsSpec.builder()
            .strings("users", List.of(), "user ids to ping")
            .strings("roles", List.of(), "role ids to ping")
            .strings("on", List.of("failure"), "when to ping: " + conditionList())
            .build();
    SettingsSpec webhook =
        SettingsSpec.builder()
            .secret("url", "the webhook URL, as ${DISCORD_WEBHOOK_URL}: it holds the token")
            .string("name", null, "a name for logs (the URL is never shown)")
            .choice("when", "which runs to post: " + conditionList(), conditionArray())
            .section("mention", mention, "who to ping, and when (default: nobody)")
            .build();
    return SettingsSpec.builder()
        .sections("webhooks", webhook, "the webhooks to post to, each with its own filter")
        .bool("postOnStart", true, "post when a run starts, then edit that message at its end")
        .string("username", "Upkeep", "the name messages are posted under")
        .uri("apiBaseUrl", null, "the Discord API base; default: derived from each webhook URL")
        .duration("timeout", DEFAULT_TIMEOUT, "time limit of one HTTP call")
        .duration("retryBudget", DEFAULT_RETRY_BUDGET, "most time one request may take, waits too")
        .build();
  }

  private static String conditionList() {
    return String.join(", ", RunCondition.settingValues());
  }

  private static String[] conditionArray() {
    return RunCondition.settingValues().toArray(String[]::new);
  }

  /**
   * Reads {@code settings}.
   *
   * @throws SettingsException naming the key, the problem and the fix; never a URL
   */
  static DiscordSettings from(Settings settings) throws SettingsException {
    Optional<String> apiBase = settings.find("apiBaseUrl", URI.class).map(URI::toString);
    List<Settings> sections = settings.sections("webhooks");
    if (sections.isEmpty()) {
      throw new SettingsException("webhooks", "no webhook configured; add one: " + EXAMPLE);
    }
    List<WebhookRoute> routes = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      routes.add(route(i, sections.get(i), apiBase));
    }
    return new DiscordSettings(
        routes,
        settings.find("postOnStart", Boolean.class).orElse(true),
        username(settings.find("username", String.class).filter(s -> !s.isBlank())),
        settings.find("timeout", Duration.class).orElse(DEFAULT_TIMEOUT),
        settings.find("retryBudget", Duration.class).orElse(DEFAULT_RETRY_BUDGET));
  }

  /** Discord refuses webhook names longer than 80 or holding these words. */
  private static String username(Optional<String> value) throws SettingsException {
    if (value.isEmpty()) {
      return null;
    }
    String name = value.get().strip();
    String lower = name.toLowerCase(Locale.ROOT);
    boolean reserved =
        lower.contains("discord")
            || lower.contains("clyde")
            || lower.equals("everyone")
            || lower.equals("here");
    if (name.length() > DiscordLimits.USERNAME || reserved) {
      throw new SettingsException(
          "username",
          "'"
              + name
              + "' is refused by Discord as a webhook"
              + " name: use at most 80 characters, without 'discord' or 'clyde'");
    }
    return name;
  }

  private static WebhookRoute route(int index, Settings section, Optional<String> apiBase)
      throws SettingsException {
    String key = "webhooks." + index;
    String name = section.find("name", String.class).filter(s -> !s.isBlank()).orElse(null);
    WebhookUrl url = url(key, section.find("url", Secret.class), apiBase);
    String whenValue = section.find("when", String.class).orElse("always");
    RunCondition when = condition(key + ".when", whenValue);
    MentionRule mention = mention(key + ".mention", section.section("mention"));
    return new WebhookRoute(index, name, url, when, mention);
  }

  private static WebhookUrl url(String key, Optional<Secret> secret, Optional<String> apiBase)
      throws SettingsException {
    if (secret.isEmpty() || secret.get().isEmpty()) {
      throw new SettingsException(key + ".url", "the webhook URL is missing or empty; " + EXAMPLE);
    }
    Optional<WebhookUrl> url = WebhookUrl.parse(secret.get(), apiBase);
    if (url.isEmpty()) {
      throw new SettingsException(key + ".url", notAWebhookUrl(secret.get(), apiBase.isPresent()));
    }
    return url.get();
  }

  private static String notAWebhookUrl(Secret secret, boolean overridden) {
    String base = overridden ? " (or apiBaseUrl is not a URL)" : "";
    return "the value of "
        + secret.name()
        + " is not a Discord webhook URL"
        + base
        + "; copy it from the channel's Integrations > Webhooks > Copy Webhook URL, it looks like"
        + " https://discord.com/api/webhooks/<id>/<token>";
  }

  private static RunCondition condition(String key, String value) throws SettingsException {
    return RunCondition.fromSetting(value)
        .orElseThrow(() -> new SettingsException(key, unknownCondition(value)));
  }

  private static String unknownCondition(String value) {
    return "'" + value + "' is not a run condition; use one of " + conditionList();
  }

  private static MentionRule mention(String key, Settings section) throws SettingsException {
    List<String> users = ids(key + ".users", strings(section, "users", List.of()));
    List<String> roles = ids(key + ".roles", strings(section, "roles", List.of()));
    if (users.size() + roles.size() > MAX_MENTIONED_IDS) {
      throw new SettingsException(
          key, "at most " + MAX_MENTIONED_IDS + " users and roles together; ping a role instead");
    }
    Set<RunCondition> conditions = EnumSet.noneOf(RunCondition.class);
    for (String value : strings(section, "on", List.of("failure"))) {
      conditions.add(condition(key + ".on", value));
    }
    return new MentionRule(users, roles, conditions);
  }

  private static List<String> strings(Settings section, String key, List<String> fallback) {
    return section.has(key) ? section.strings(key) : fallback;
  }

  private static List<String> ids(String key, List<String> values) throws SettingsException {
    for (String value : values) {
      if (!WebhookUrl.isSnowflake(value)) {
        throw new SettingsException(
            key,
            "'"
                + value
                + "' is not a Discord id; copy it with Developer Mode on "
                + "(right-click the user or role > Copy ID): digits only, as a quoted string");
      }
    }
    return List.copyOf(values);
  }
}
