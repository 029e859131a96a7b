package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol snippet of {@code docs/notifier-discord.md} binds, through the engine's binder. */
class ProtocolSnippetTests {
  private static final Path DOC = Path.of("..", "docs", "notifier-discord.md");
  private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void bindsTheDocumentedSnippetToEveryRunInOpsAndFailuresInAlerts(@TempDir Path dir)
      throws Exception {
    Path protocol = dir.resolve("cblm001.yaml");
    Files.writeString(protocol, "name: camarad-nightly\n" + snippet());
    Map<String, String> env =
        Map.of(
            "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1001/ops-token",
            "DISCORD_ALERTS_WEBHOOK_URL", "https://discord.com/api/webhooks/1002/alerts-token");

    DiscordSettings ops = settings(protocol, "notifiers.1.settings", env);
    DiscordSettings alerts = settings(protocol, "notifiers.2.settings", env);

    assertThat(ops.postOnStart()).isTrue();
    assertThat(ops.routes())
        .singleElement()
        .satisfies(
            route -> {
              assertThat(route.label()).isEqualTo("webhook 'ops'");
              assertThat(route.wants(RunStatus.NOTHING_TO_DO)).isTrue();
              assertThat(route.url().executeUrl().toString())
                  .startsWith("https://discord.com/api/v10/webhooks/1001/ops-token");
            });
    assertThat(alerts.postOnStart()).isFalse();
    assertThat(alerts.routes())
        .singleElement()
        .satisfies(
            route -> {
              assertThat(route.wants(RunStatus.SUCCEEDED)).isFalse();
              assertThat(route.wants(RunStatus.FAILED_PARTLY_UNDONE)).isTrue();
            });
  }

  private static DiscordSettings settings(Path protocol, String path, Map<String, String> env)
      throws Exception {
    Settings bound = EngineSettings.bind(protocol, path, DiscordSettings.spec(), env);
    return DiscordSettings.from(bound);
  }

  private static String snippet() throws Exception {
    Matcher yaml = YAML.matcher(Files.readString(DOC));
    List<String> blocks = yaml.results().map(result -> result.group(1)).toList();
    assertThat(blocks).as("yaml blocks in " + DOC).hasSize(1);
    return blocks.get(0);
  }
}
