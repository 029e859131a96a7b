package io.camarad.upkeep.cli;

import io.camarad.upkeep.api.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checklist of the CBLM.001 seed, answered from what the engine reports: the effective
 * configuration, the discovered tasks and their health. Items that Upkeep does not do (Stripe cost
 * tracking, dashboards) say so instead of pretending.
 */
final class SeedChecklist {
  static final Set<String> BUNDLED_TASKS = Set.of("mongo", "pinecone", "jwt", "sitemap");

  /** How an item stands. */
  enum Verdict {
    DONE("[ok] "),
    TODO("[--] "),
    NOT_UPKEEP("[n/a]");

    final String mark;

    Verdict(String mark) {
      this.mark = mark;
    }
  }

  /** One answered item. */
  record Item(String item, Verdict verdict, String detail) {}

  /**
   * What the checklist is answered from.
   *
   * @param config effective settings by dotted path
   * @param tasks ids of discovered tasks, with whether the protocol enables them
   * @param order the enabled tasks in run order
   * @param health the health of each task and resource
   * @param discoveryProblems how many plugins failed to load
   * @param environment the process environment (only whether variables are set is read)
   */
  record Facts(
      Map<String, String> config,
      Map<String, Boolean> tasks,
      List<String> order,
      Map<String, Health> health,
      int discoveryProblems,
      Map<String, String> environment) {}

  private SeedChecklist() {}

  static List<Item> answer(Facts facts) {
    List<Item> items = new ArrayList<>();
    items.add(probes(facts));
    items.add(
        new Item(
            "Grafana dashboards set up with maintenance metrics",
            Verdict.NOT_UPKEEP,
            "Upkeep writes the metrics; chart them from Prometheus in your own dashboard"));
    items.add(scripts(facts));
    items.add(
        new Item(
            "Master orchestrator handles dependencies and error recovery",
            Verdict.DONE,
            "the engine orders, plans and undoes; run order: "
                + (facts.order().isEmpty()
                    ? "(no task enabled)"
                    : String.join(" → ", facts.order()))));
    items.add(schedule(facts));
    items.add(
        new Item(
            "CLI extended to invoke scripts",
            Verdict.DONE,
            "camard-exec --apply-now applies the tasks; --dry-run only plans"));
    items.add(
        new Item(
            "Cost tracking integrated with Stripe",
            Verdict.NOT_UPKEEP,
            "not integrated; each report carries usage counters per task (api calls, units)"));
    items.add(discord(facts));
    items.add(
        new Item(
            "Log rotation set up for upkeep logs",
            Verdict.DONE,
            "the audit log rotates by itself (history.auditMaxSize, history.auditFiles) and"
                + " old run reports are pruned (history.keep)"));
    items.add(backups(facts));
    return items;
  }

  private static Item probes(Facts facts) {
    String item = "Prometheus probes configured for all services";
    List<String> metrics = keysStartingWith(facts.config(), "metrics.");
    if (metrics.isEmpty()) {
      return new Item(item, Verdict.TODO, "no metrics output: add metrics: { textfile: ... }");
    }
    return new Item(
        item,
        Verdict.DONE,
        "metrics written via " + String.join(", ", metrics) + "; health probes below");
  }

  private static Item scripts(Facts facts) {
    String item = "All maintenance scripts implemented and tested";
    Set<String> missing = new TreeSet<>(BUNDLED_TASKS);
    missing.removeAll(facts.tasks().keySet());
    if (!missing.isEmpty() || facts.discoveryProblems() > 0) {
      return new Item(
          item,
          Verdict.TODO,
          "missing tasks: "
              + (missing.isEmpty() ? "none" : String.join(", ", missing))
              + "; discovery problems: "
              + facts.discoveryProblems());
    }
    return new Item(
        item,
        Verdict.DONE,
        "tasks found: " + String.join(", ", new TreeSet<>(facts.tasks().keySet())));
  }

  private static Item schedule(Facts facts) {
    String item = "Cron job scheduled for 03:00 UTC daily execution";
    List<String> keys = keysStartingWith(facts.config(), "schedule");
    if (keys.isEmpty()) {
      return new Item(
          item,
          Verdict.TODO,
          "no schedule in the protocol; run camarad from a"
              + " systemd timer with OnCalendar=*-*-* 03:00:00 UTC and Persistent=true");
    }
    String key = keys.get(0);
    return new Item(item, Verdict.DONE, key + " = " + facts.config().get(key));
  }

  private static Item discord(Facts facts) {
    String item = "Discord alerts configured for #ops channel";
    boolean declared = facts.config().values().stream().anyMatch("discord"::equals);
    if (!declared) {
      return new Item(item, Verdict.TODO, "no discord notifier in the protocol");
    }
    String url = facts.environment().get("DISCORD_WEBHOOK_URL");
    if (url == null || url.isBlank()) {
      return new Item(item, Verdict.TODO, "declared; set DISCORD_WEBHOOK_URL to enable it");
    }
    return new Item(item, Verdict.DONE, "discord notifier declared, DISCORD_WEBHOOK_URL set");
  }

  private static Item backups(Facts facts) {
    String item = "Backup verification before destructive operations";
    List<String> keys =
        facts.config().keySet().stream()
            .filter(k -> k.toLowerCase(java.util.Locale.ROOT).contains("backup"))
            .sorted()
            .toList();
    if (keys.isEmpty()) {
      return new Item(item, Verdict.TODO, "no backup setting found in the effective config");
    }
    List<String> shown = keys.stream().map(k -> k + " = " + facts.config().get(k)).toList();
    return new Item(item, Verdict.DONE, String.join("; ", shown));
  }

  private static List<String> keysStartingWith(Map<String, String> config, String prefix) {
    return config.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
  }
}
