package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.Notifier;
import io.camarad.upkeep.api.UpkeepTask;
import io.camarad.upkeep.api.spi.ResourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar keeps every plugin: what the modules on this test's class path register in their
 * service files is exactly what the packaged jar must still discover. (Shading that lets one
 * service file overwrite another is the classic way to lose plugins.)
 */
class BundledPluginsJarTests {
  @TempDir Path dir;

  @Test
  void thePackagedJarListsEveryBundledTask() throws IOException {
    List<String> expected =
        ServiceLoader.load(UpkeepTask.class).stream().map(p -> p.get().id()).toList();
    Files.writeString(dir.resolve("cblm001.yaml"), "name: bundled\n");

    CamaradJar.Finished tasks = new CamaradJar(dir).run("tasks");

    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    assertThat(expected).as("bundled tasks on the test class path").isNotEmpty();
    for (String id : expected) {
      assertThat(tasks.stdout()).as(tasks.toString()).containsPattern("(?m)^\\S+\\s+" + id + "\\s");
    }
    assertThat(tasks.stdout()).doesNotContain("Discovery problems");
  }

  @Test
  void theMergedServiceFilesNameEveryBundledImplementation() throws IOException {
    try (JarFile jar = new JarFile(CamaradJar.jarPath().toFile())) {
      assertServices(
          jar,
          UpkeepTask.class,
          ServiceLoader.load(UpkeepTask.class).stream().map(p -> p.type().getName()).toList());
      assertServices(
          jar,
          Notifier.class,
          ServiceLoader.load(Notifier.class).stream().map(p -> p.type().getName()).toList());
      assertServices(
          jar,
          ResourceProvider.class,
          ServiceLoader.load(ResourceProvider.class).stream()
              .map(p -> p.type().getName())
              .toList());
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Camarad.class.getName());
    }
  }

  @Test
  void thePackagedJarKnowsEveryBundledNotifierType() throws IOException {
    List<String> types =
        ServiceLoader.load(Notifier.class).stream().map(p -> p.get().type()).toList();
    StringBuilder protocol = new StringBuilder("name: bundled\nnotifiers:\n");
    types.forEach(
        type ->
            protocol
                .append("  - { type: ")
                .append(type)
                .append(", requires: [UPKEEP_TEST_UNSET_VARIABLE] }\n"));
    Files.writeString(dir.resolve("cblm001.yaml"), protocol.toString());

    CamaradJar.Finished tasks = new CamaradJar(dir).run("tasks");

    assertThat(types).as("bundled notifier types").contains("console", "discord");
    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    for (String type : types) {
      assertThat(tasks.stdout())
          .as(tasks.toString())
          .containsPattern("notifiers\\.\\d+\\s+" + type + "\\s+no: ");
    }
  }

  private static void assertServices(JarFile jar, Class<?> service, List<String> expected)
      throws IOException {
    var entry = jar.getEntry("META-INF/services/" + service.getName());
    assertThat(entry).as("service file of " + service.getSimpleName()).isNotNull();
    String merged =
        new String(
            jar.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(merged.lines().map(String::trim).filter(l -> !l.isEmpty())).containsAll(expected);
  }
}
