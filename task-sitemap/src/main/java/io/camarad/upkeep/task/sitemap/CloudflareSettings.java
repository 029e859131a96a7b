package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Secret;
import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The {@code cloudflare} section of the sitemap task.
 *
 * @param zoneId the zone whose cache is purged
 * @param baseUrl the API base URL
 * @param batchSize URLs per purge request (100 on Free/Pro/Business, 500 on Enterprise)
 * @param ratePerSecond purge requests per second at most
 * @param everythingThreshold above this many URLs, purge the hosts or the zone instead
 * @param everythingMode {@code hosts} or {@code everything}
 * @param timeout the timeout of one request
 * @param tokenVariable the variable holding the token when {@code apiToken} is not set
 */
record CloudflareSettings(
    String zoneId,
    URI baseUrl,
    int batchSize,
    double ratePerSecond,
    int everythingThreshold,
    String everythingMode,
    Duration timeout,
    String tokenVariable) {

  static final String DEFAULT_VARIABLE = "CLOUDFLARE_API_TOKEN";

  static SettingsSpec spec() {
    return SettingsSpec.builder()
        .optionalSecret(
            "apiToken",
            "the API token (Zone > Cache Purge), as "
                + "${CLOUDFLARE_API_TOKEN}; when absent, tokenVariable is looked up")
        .string(
            "tokenVariable",
            DEFAULT_VARIABLE,
            "the environment variable holding the token; unset means no purge")
        .string("zoneId", null, "the Cloudflare zone id of the site")
        .uri("baseUrl", "https://api.cloudflare.com/client/v4", "the Cloudflare API base URL")
        .integer("purgeBatchSize", 100, "URLs per purge request (Enterprise: 500)")
        .decimal("purgeRatePerSecond", 4.0, "purge requests per second at most")
        .integer(
            "purgeEverythingThreshold",
            10_000,
            "above this many changed and removed URLs, purge hosts or everything instead")
        .choice("purgeEverythingMode", "what to purge above the threshold", "hosts", "everything")
        .duration("timeout", Duration.ofSeconds(30), "timeout of one purge request")
        .build();
  }

  static CloudflareSettings read(Settings section) {
    return new CloudflareSettings(
        section.find("zoneId", String.class).orElse(""),
        section
            .find("baseUrl", URI.class)
            .orElse(URI.create("https://api.cloudflare.com/client/v4")),
        section.find("purgeBatchSize", Integer.class).orElse(100),
        section.find("purgeRatePerSecond", Double.class).orElse(4.0),
        section.find("purgeEverythingThreshold", Integer.class).orElse(10_000),
        section.find("purgeEverythingMode", String.class).orElse("hosts"),
        section.find("timeout", Duration.class).orElse(Duration.ofSeconds(30)),
        section.find("tokenVariable", String.class).orElse(DEFAULT_VARIABLE));
  }

  static void validate(Settings section) throws SettingsException {
    CloudflareSettings read = read(section);
    if (read.batchSize < 1 || read.batchSize > 500) {
      throw new SettingsException(
          "cloudflare.purgeBatchSize",
          "purgeBatchSize must be 1 to 500 (Cloudflare's largest plan), not " + read.batchSize);
    }
    if (!(read.ratePerSecond > 0)) {
      throw new SettingsException(
          "cloudflare.purgeRatePerSecond",
          "purgeRatePerSecond must be above 0, not " + read.ratePerSecond);
    }
    if (read.everythingThreshold < 0) {
      throw new SettingsException(
          "cloudflare.purgeEverythingThreshold", "purgeEverythingThreshold must be 0 or more");
    }
    if (HttpUrl.parse(read.baseUrl.toString()) == null) {
      throw new SettingsException(
          "cloudflare.baseUrl",
          "'"
              + read.baseUrl
              + "' is not an http(s) URL; the default is "
              + "https://api.cloudflare.com/client/v4");
    }
  }

  /** The token, from {@code apiToken} or the variable; empty when purging is not set up. */
  static Optional<Secret> token(Settings section, TaskContext context) {
    Optional<Secret> token =
        section
            .find("apiToken", Secret.class)
            .or(() -> context.secret(read(section).tokenVariable()));
    return token.filter(secret -> !secret.isEmpty());
  }

  HttpUrl httpBaseUrl() {
    return HttpUrl.get(baseUrl.toString());
  }
}
