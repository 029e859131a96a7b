package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.UpkeepTask;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin written the way an outside author writes one: Java source compiled against the API jar
 * alone, packed into its own jar with its service file, and dropped into a plugins directory. It
 * holds two tasks:
 *
 * <ul>
 *   <li>{@code hello} writes its {@code greeting} setting to the file named by {@code file}, and is
 *       up to date when the file already holds it;
 *   <li>{@code slow} counts {@code steps} steps of {@code stepMillis} each, reporting progress and
 *       checking cancellation, and is up to date once it completed with the same settings (with
 *       {@code resource} set, it first opens that shared resource);
 *   <li>{@code broken} always has work and always fails.
 * </ul>
 */
final class ExamplePlugin {
  static final String HELLO =
      """
      package example.plugin;

      import io.camarad.upkeep.api.*;
      import java.nio.file.*;
      import java.util.*;

      public final class HelloTask implements UpkeepTask {
        public String id() { return "hello"; }

        public String description() { return "writes a greeting to a file"; }

        public SettingsSpec settingsSpec() {
          return SettingsSpec.builder()
              .string("greeting", "hello", "what to write")
              .requiredString("file", "where to write it")
              .optionalSecret("token", "a credential the task never prints")
              .build();
        }

        public TaskPlan plan(TaskContext context) throws Exception {
          String greeting = context.settings().string("greeting");
          Path file = Path.of(context.settings().string("file"));
          Map<String, String> inputs = Map.of("greeting", greeting, "file", file.toString());
          if (Files.exists(file) && Files.readString(file).equals(greeting)) {
            return TaskPlan.upToDate("the file already holds the greeting", inputs);
          }
          return TaskPlan.changes("write the greeting",
              List.of(new PlannedChange("write", file.toString(), greeting)), inputs);
        }

        public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
          Path file = Path.of(context.settings().string("file"));
          Files.writeString(file, context.settings().string("greeting"));
          context.usage().increment("files_written");
          return new TaskOutcome("wrote " + file.getFileName(), Map.of("written", 1L));
        }
      }
      """;

  static final String SLOW =
      """
      package example.plugin;

      import io.camarad.upkeep.api.*;
      import java.util.*;

      public final class SlowTask implements UpkeepTask {
        public String id() { return "slow"; }

        public SettingsSpec settingsSpec() {
          return SettingsSpec.builder()
              .integer("steps", 5, "how many steps")
              .integer("stepMillis", 500, "how long each step takes")
              .string("resource", "", "a shared resource to open first, if any")
              .build();
        }

        public TaskPlan plan(TaskContext context) {
          int steps = context.settings().integer("steps");
          Map<String, String> inputs = Map.of("steps", String.valueOf(steps));
          if (context.state().get("completed").equals(Optional.of(String.valueOf(steps)))) {
            return TaskPlan.upToDate("completed " + steps + " steps before", inputs);
          }
          return TaskPlan.changes("count " + steps + " steps",
              List.of(new PlannedChange("count", "steps", String.valueOf(steps))), inputs);
        }

        public TaskOutcome apply(TaskContext context, TaskPlan plan) throws Exception {
          int steps = context.settings().integer("steps");
          long millis = context.settings().integer("stepMillis");
          String resource = context.settings().string("resource");
          if (!resource.isEmpty()) {
            context.resource(resource, Object.class);
            context.progress().report("opened " + resource);
          }
          for (int step = 1; step <= steps; step++) {
            context.cancellation().throwIfCancelled();
            Thread.sleep(millis);
            context.progress().report(step, steps, "steps");
          }
          context.state().put("completed", String.valueOf(steps));
          return TaskOutcome.of("counted " + steps + " steps");
        }
      }
      """;

  static final String BROKEN =
      """
      package example.plugin;

      import io.camarad.upkeep.api.*;
      import java.util.*;

      public final class BrokenTask implements UpkeepTask {
        public String id() { return "broken"; }

        public TaskPlan plan(TaskContext context) {
          return TaskPlan.changes("repair the disk",
              List.of(new PlannedChange("repair", "disk", "")), Map.of("disk", "1"));
        }

        public TaskOutcome apply(TaskContext context, TaskPlan plan) {
          throw new IllegalStateException("the disk is on fire");
        }
      }
      """;

  private ExamplePlugin() {}

  /** Compiles the plugin and writes {@code example-plugin-1.0.jar} into {@code pluginsDir}. */
  static Path build(Path workDir, Path pluginsDir) throws IOException {
    Path sources = workDir.resolve("plugin-src/example/plugin");
    Path classes = workDir.resolve("plugin-classes");
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    Files.writeString(sources.resolve("HelloTask.java"), HELLO);
    Files.writeString(sources.resolve("SlowTask.java"), SLOW);
    Files.writeString(sources.resolve("BrokenTask.java"), BROKEN);
    compile(
        classes,
        sources.resolve("HelloTask.java"),
        sources.resolve("SlowTask.java"),
        sources.resolve("BrokenTask.java"));
    Files.createDirectories(pluginsDir);
    Path jar = pluginsDir.resolve("example-plugin-1.0.jar");
    pack(
        classes,
        jar,
        "example.plugin.HelloTask\nexample.plugin.SlowTask\nexample.plugin.BrokenTask\n");
    return jar;
  }

  private static void compile(Path classes, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classPath =
        location(UpkeepTask.class) + java.io.File.pathSeparator + location(org.slf4j.Logger.class);
    String[] args =
        Stream.concat(
                Stream.of("--release", "17", "-cp", classPath, "-d", classes.toString()),
                Stream.of(sources).map(Path::toString))
            .toArray(String[]::new);
    assertThat(javac.run(null, null, null, args)).as("javac exit code").isZero();
  }

  private static void pack(Path classes, Path jar, String services) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "example-plugin");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + UpkeepTask.class.getName()));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A protocol that runs only the given tasks of the example plugin. */
  static String protocol(String name, String tasksYaml) {
    return String.join(
        "\n",
        List.of(
            "name: " + name,
            "lock: { type: file, lease: 3s }",
            "notifiers:",
            "  - type: console",
            "tasks:",
            tasksYaml));
  }
}
