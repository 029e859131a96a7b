package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Health;
import io.camarad.upkeep.cli.SeedChecklist.Item;
import io.camarad.upkeep.cli.SeedChecklist.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedChecklistTests {
  @Test
  void answersEveryItemOfTheSeedChecklist() {
    List<Item> items = SeedChecklist.answer(facts(Map.of(), Map.of()));

    assertThat(items).hasSize(10);
    assertThat(items)
        .extracting(Item::item)
        .contains(
            "Prometheus probes configured for all services",
            "Cost tracking integrated with Stripe",
            "Backup verification before destructive operations");
  }

  @Test
  void reportsWhatIsMissingFromAnEmptySetup() {
    List<Item> items = SeedChecklist.answer(facts(Map.of(), Map.of()));

    assertThat(verdict(items, "Prometheus")).isEqualTo(Verdict.TODO);
    assertThat(verdict(items, "Cron")).isEqualTo(Verdict.TODO);
    assertThat(verdict(items, "Discord")).isEqualTo(Verdict.TODO);
    assertThat(item(items, "All maintenance").detail()).contains("jwt", "mongo");
  }

  @Test
  void ticksWhatTheProtocolConfigures() {
    Map<String, String> config =
        Map.of(
            "metrics.textfile", ".upkeep/metrics/upkeep.prom",
            "schedule", "0 3 * * *",
            "notifiers[1].type", "discord",
            "tasks.mongo.settings.backup", "true");

    List<Item> items =
        SeedChecklist.answer(
            facts(
                config, Map.of("DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/x")));

    assertThat(verdict(items, "Prometheus")).isEqualTo(Verdict.DONE);
    assertThat(item(items, "Cron").detail()).isEqualTo("schedule = 0 3 * * *");
    assertThat(verdict(items, "Discord")).isEqualTo(Verdict.DONE);
    assertThat(item(items, "Discord").detail()).doesNotContain("discord.example");
    assertThat(verdict(items, "Backup")).isEqualTo(Verdict.DONE);
  }

  @Test
  void saysPlainlyWhatUpkeepDoesNotDo() {
    List<Item> items = SeedChecklist.answer(facts(Map.of(), Map.of()));

    assertThat(verdict(items, "Stripe")).isEqualTo(Verdict.NOT_UPKEEP);
    assertThat(verdict(items, "Grafana")).isEqualTo(Verdict.NOT_UPKEEP);
    assertThat(verdict(items, "Log rotation")).isEqualTo(Verdict.DONE);
  }

  private static SeedChecklist.Facts facts(Map<String, String> config, Map<String, String> env) {
    return new SeedChecklist.Facts(
        config,
        Map.of("sitemap", true),
        List.of("sitemap"),
        Map.of("sitemap", Health.up("ok")),
        0,
        env);
  }

  private static Item item(List<Item> items, String word) {
    return items.stream().filter(i -> i.item().contains(word)).findFirst().orElseThrow();
  }

  private static Verdict verdict(List<Item> items, String word) {
    return item(items, word).verdict();
  }
}
