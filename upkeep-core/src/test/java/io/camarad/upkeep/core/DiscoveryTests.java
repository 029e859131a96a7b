package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTests {
  private static final String TASK = "io.camarad.upkeep.api.UpkeepTask";

  @TempDir Path dir;
  @RegisterExtension LogCapture logs = new LogCapture();

  private Path plugins() throws Exception {
    return Files.createDirectories(dir.resolve("plugins"));
  }

  private Path goodJar(Path plugins) throws Exception {
    return PluginJars.build(
        plugins,
        "acme-tasks-1.2.3.jar",
        "1.2.3",
        Map.of("com.acme.GoodTask", PluginJars.taskSource("com.acme.GoodTask", "acme", "")),
        Map.of(TASK, List.of("com.acme.GoodTask")));
  }

  private Path protocol(String yaml) throws Exception {
    Path file = dir.resolve("cblm001.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Upkeep.Builder engine(Path protocol, Path plugins) {
    return Upkeep.builder().protocol(protocol).pluginsDirectory(plugins).environment(Map.of());
  }

  @Test
  void findsATaskInAPluginJarWithItsJarAndVersionAndRunsIt() throws Exception {
    Path plugins = plugins();
    goodJar(plugins);

    try (Upkeep upkeep = engine(protocol("tasks:\n  acme: {}\n"), plugins).build()) {
      assertThat(upkeep.tasks())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.id()).isEqualTo("acme");
                assertThat(t.source()).isEqualTo("acme-tasks-1.2.3.jar");
                assertThat(t.version()).isEqualTo("1.2.3");
                assertThat(t.enabled()).isTrue();
                assertThat(t.position()).isEqualTo(1);
              });
      RunReport report = upkeep.apply();
      assertThat(report.task("acme").orElseThrow().status()).isEqualTo(TaskStatus.APPLIED);
      assertThat(report.task("acme").orElseThrow().source())
          .isEqualTo("acme-tasks-1.2.3.jar (1.2.3)");
    }
    assertThat(logs.lines("INFO"))
        .anySatisfy(
            l -> assertThat(l).contains("Discovered task acme from acme-tasks-1.2.3.jar (1.2.3)"));
  }

  @Test
  void reportsAThrowingConstructorByClassAndJarAndKeepsTheOtherPlugins() throws Exception {
    Path plugins = plugins();
    goodJar(plugins);
    PluginJars.build(
        plugins,
        "broken-1.0.jar",
        "1.0",
        Map.of(
            "com.broken.Boom",
            PluginJars.taskSource(
                "com.broken.Boom", "boom", "throw new IllegalStateException(\"no config file\");")),
        Map.of(TASK, List.of("com.broken.Boom")));

    try (Upkeep upkeep = engine(protocol("tasks:\n  acme: {}\n"), plugins).build()) {
      assertThat(upkeep.discoveryProblems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo("CONSTRUCTOR_FAILED");
                assertThat(p.name()).isEqualTo("com.broken.Boom");
                assertThat(p.source()).isEqualTo("broken-1.0.jar (1.0)");
                assertThat(p.message()).contains("no config file");
              });
      assertThat(upkeep.tasks()).extracting(DiscoveredTask::id).containsExactly("acme");
    }
  }

  @Test
  void reportsAServiceEntryNamingAMissingClassWithItsJar() throws Exception {
    Path plugins = plugins();
    PluginJars.build(
        plugins,
        "half-2.0.jar",
        "2.0",
        Map.of("com.half.Present", PluginJars.taskSource("com.half.Present", "present", "")),
        Map.of(TASK, List.of("com.half.Present", "com.half.Missing")));

    try (Upkeep upkeep = engine(protocol("name: x\n"), plugins).build()) {
      assertThat(upkeep.discoveryProblems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo("BROKEN_SERVICE_ENTRY");
                assertThat(p.name()).isEqualTo("com.half.Missing");
                assertThat(p.source()).startsWith("half-2.0.jar");
              });
      assertThat(upkeep.tasks()).extracting(DiscoveredTask::id).containsExactly("present");
      assertThat(upkeep.tasks().get(0).enabled()).isFalse();
    }
  }

  @Test
  void duplicateTaskIdsAreReportedAndRefusedWhenTheProtocolUsesThem() throws Exception {
    Path plugins = plugins();
    goodJar(plugins);
    PluginJars.build(
        plugins,
        "copycat-0.1.jar",
        "0.1",
        Map.of("com.copy.Acme", PluginJars.taskSource("com.copy.Acme", "acme", "")),
        Map.of(TASK, List.of("com.copy.Acme")));

    try (Upkeep unused = engine(protocol("name: x\n"), plugins).build()) {
      assertThat(unused.discoveryProblems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.kind()).isEqualTo("DUPLICATE_ID");
                assertThat(p.message())
                    .contains("acme-tasks-1.2.3.jar")
                    .contains("copycat-0.1.jar");
              });
    }
    assertThatThrownBy(() -> engine(protocol("tasks:\n  acme: {}\n"), plugins).build())
        .isInstanceOf(DiscoveryFailedException.class)
        .hasMessageContaining("acme")
        .hasMessageContaining("copycat-0.1.jar");
  }

  @Test
  void aProtocolTaskOnlyABrokenJarWouldProvideIsADiscoveryFailure() throws Exception {
    Path plugins = plugins();
    PluginJars.build(
        plugins,
        "broken-1.0.jar",
        "1.0",
        Map.of(
            "com.broken.Boom",
            PluginJars.taskSource(
                "com.broken.Boom", "boom", "throw new IllegalStateException(\"nope\");")),
        Map.of(TASK, List.of("com.broken.Boom")));

    assertThatThrownBy(() -> engine(protocol("tasks:\n  boom: {}\n"), plugins).build())
        .isInstanceOfSatisfying(
            DiscoveryFailedException.class,
            e ->
                assertThat(e.problems())
                    .extracting(PluginProblem::name)
                    .containsExactly("com.broken.Boom"));
  }

  @Test
  void discoveryCanBeTurnedOff() throws Exception {
    Path plugins = plugins();
    goodJar(plugins);

    assertThatThrownBy(
            () -> engine(protocol("tasks:\n  acme: {}\n"), plugins).discovery(false).build())
        .isInstanceOf(ConfigurationFailedException.class)
        .hasMessageContaining("no plugin provides task 'acme'");
  }
}
