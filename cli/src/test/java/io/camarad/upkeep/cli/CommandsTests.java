package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands in-process against the real engine, with the example plugin in {@code plugins/}
 * beside the protocol: what they print, and which exit code they return.
 */
class CommandsTests {
  private static final String SECRET = "planted-secret-4711";

  @TempDir Path dir;

  private Path greeting;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void buildThePlugin() throws Exception {
    ExamplePlugin.build(dir, dir.resolve("plugins"));
    greeting = dir.resolve("greeting.txt");
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Terminal terminal =
        new Terminal(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of("HELLO_TOKEN", SECRET),
            false);
    String[] all = new String[args.length + 2];
    all[0] = args[0];
    all[1] = "--protocol=" + dir.resolve("cblm001.yaml");
    all[2] = "--state-dir=" + dir.resolve("state");
    System.arraycopy(args, 1, all, 3, args.length - 1);
    return Camarad.run(terminal, all);
  }

  private void protocol(String tasks) throws Exception {
    Files.writeString(dir.resolve("cblm001.yaml"), ExamplePlugin.protocol("commands", tasks));
  }

  private void helloProtocol() throws Exception {
    protocol(
        "  hello:\n    settings:\n      greeting: salve\n      file: '"
            + greeting
            + "'\n"
            + "      token: ${HELLO_TOKEN}\n");
  }

  @Test
  void planShowsTheDueTaskAndItsChangesAndChangesNothing() throws Exception {
    helloProtocol();

    assertThat(run("plan")).as(err.toString()).isZero();

    assertThat(out.toString()).containsPattern("hello\\s+due").contains("write " + greeting);
    assertThat(greeting).doesNotExist();
  }

  @Test
  void applyPrintsProgressThenTheSummaryAndTheNotification() throws Exception {
    helloProtocol();

    assertThat(run("apply")).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("[hello] started")
        .containsPattern("hello\\s+applied")
        .contains("[notify]");
    assertThat(greeting).hasContent("salve");
  }

  @Test
  void aSkippedNotifierIsNamedWithWhatToSetAtTheEndOfTheRun() throws Exception {
    helloProtocol();
    String withDiscord =
        Files.readString(dir.resolve("cblm001.yaml"))
            .replace(
                "  - type: console\n",
                "  - type: console\n  - type: discord\n"
                    + "    requires: [DISCORD_WEBHOOK_URL]\n"
                    + "    settings: { webhooks: [ { url: \"${DISCORD_WEBHOOK_URL}\" } ] }\n");
    Files.writeString(dir.resolve("cblm001.yaml"), withDiscord);

    assertThat(run("apply")).as(err.toString()).isZero();
    assertThat(out.toString().strip().lines().reduce((a, b) -> b))
        .contains("notifier discord skipped: set DISCORD_WEBHOOK_URL");
    assertThat(out.toString()).doesNotContain("notifier console");

    assertThat(run("apply", "--tone=json")).as(err.toString()).isZero();
    assertThat(err.toString()).contains("notifier discord skipped: set DISCORD_WEBHOOK_URL");
    assertThat(out.toString()).doesNotContain("notifier discord");
  }

  @Test
  void jsonToneKeepsStdoutForTheReportAlone() throws Exception {
    helloProtocol();

    assertThat(run("apply", "--tone=json")).as(err.toString()).isZero();

    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(err.toString()).contains("[hello]");
  }

  @Test
  void aFailedTaskExitsWith1AndTheEmperorDoesNotTriumph() throws Exception {
    protocol("  broken: {}\n");

    assertThat(
            run(
                "camard-exec",
                "--full-upkeep",
                "--ingest-cblm001",
                "--apply-now",
                "--tone=emperor-eternal"))
        .isEqualTo(1);

    assertThat(out.toString())
        .contains("the disk is on fire")
        .contains("Failed: broken")
        .doesNotContain("Liberation");
  }

  @Test
  void configurationProblemsExit2WithFileLineAndPath() throws Exception {
    protocol("  hello:\n    settings:\n      greting: salve\n      file: x\n");

    assertThat(run("apply")).isEqualTo(2);

    assertThat(err.toString()).containsPattern("cblm001\\.yaml:\\d+:\\d+: .*greting");
    assertThat(out.toString()).doesNotContain("[hello]");
  }

  @Test
  void aSavedPlanAppliesLater() throws Exception {
    helloProtocol();
    Path saved = dir.resolve("plan.json");

    assertThat(run("plan", "--save", saved.toString())).as(err.toString()).isZero();
    assertThat(greeting).doesNotExist();
    assertThat(run("apply", "--plan", saved.toString())).as(err.toString()).isZero();

    assertThat(greeting).hasContent("salve");
  }

  @Test
  void aSavedPlanThatDriftedExits4AndAppliesNothing() throws Exception {
    helloProtocol();
    Path saved = dir.resolve("plan.json");
    assertThat(run("plan", "--save", saved.toString())).as(err.toString()).isZero();

    int code =
        run("apply", "--plan", saved.toString(), "--set", "tasks.hello.settings.greeting=ave");

    assertThat(code).as(out + "\n" + err).isEqualTo(4);
    assertThat(err.toString()).contains("no longer matches");
    assertThat(greeting).doesNotExist();
  }

  @Test
  void tasksListsThePluginWithItsJarAndOrder() throws Exception {
    helloProtocol();

    assertThat(run("tasks")).as(err.toString()).isZero();

    assertThat(out.toString())
        .containsPattern("\\d+\\s+hello\\s+yes")
        .contains("example-plugin-1.0.jar")
        .containsPattern("slow\\s+no");
  }

  @Test
  void tasksNamesABrokenServiceEntryInWordsNotAsARecord() throws Exception {
    helloProtocol();
    Path broken = dir.resolve("plugins").resolve("broken.jar");
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(broken))) {
      jar.putNextEntry(
          new java.util.jar.JarEntry("META-INF/services/io.camarad.upkeep.api.UpkeepTask"));
      jar.write("com.example.Missing\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      jar.closeEntry();
    }

    run("tasks");

    assertThat(out.toString())
        .contains("Discovery problems:")
        .contains("com.example.Missing (broken.jar)")
        .doesNotContain("PluginProblem[");
  }

  @Test
  void secretsAppearNowhereInOutput() throws Exception {
    helloProtocol();

    run("config");
    String config = out.toString() + err;
    run("apply", "--tone=json");
    String apply = out.toString() + err;
    run("history", "--json");
    String history = out.toString() + err;

    assertThat(config).contains("tasks.hello.settings.token").doesNotContain(SECRET);
    assertThat(apply).doesNotContain(SECRET);
    assertThat(history).doesNotContain(SECRET);
  }

  @Test
  void configCutsALongValueSoTheTableStaysNarrow() throws Exception {
    String longValue = "salve-" + "lorem-ipsum-".repeat(24) + "THE-END";
    protocol(
        "  hello:\n    settings:\n      greeting: "
            + longValue
            + "\n      file: '"
            + greeting
            + "'\n      token: ${HELLO_TOKEN}\n");

    assertThat(run("config")).as(err.toString()).isZero();

    List<String> lines = out.toString().lines().toList();
    int row =
        lines.indexOf(
            lines.stream().filter(l -> l.contains("settings.greeting")).findFirst().orElseThrow());
    assertThat(lines.get(row)).endsWith("↓");
    assertThat(lines.get(row + 1))
        .startsWith("    salve-lorem-ipsum-")
        .endsWith("…")
        .doesNotContain("THE-END");
    assertThat(out.toString().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));

    assertThat(run("config", "--wide")).as(err.toString()).isZero();
    assertThat(out.toString()).contains(longValue);
  }

  @Test
  void doctorReportsHealthAndTheChecklist() throws Exception {
    helloProtocol();

    assertThat(run("doctor")).as(out + "\n" + err).isZero();

    assertThat(out.toString())
        .contains(
            "Lock: free", "Health", "CBLM.001 checklist", "Cost tracking integrated with Stripe");
  }
}
