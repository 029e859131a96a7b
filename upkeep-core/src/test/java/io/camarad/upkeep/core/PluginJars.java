package io.camarad.upkeep.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars in tests: compiles Java sources and packs them with a service file. */
final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name to source) and writes a jar with the given service entries
   * and {@code Implementation-Version}.
   */
  static Path build(
      Path dir,
      String jarName,
      String version,
      Map<String, String> sources,
      Map<String, List<String>> services)
      throws IOException {
    Path work = Files.createTempDirectory(dir, "src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    compile(work, classes, sources);
    Path jar = dir.resolve(jarName);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      addClasses(out, classes);
      for (var service : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
        out.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void compile(Path work, Path classes, Map<String, String> sources)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "--release",
                "17",
                "-nowarn"));
    for (var source : sources.entrySet()) {
      Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("test plugin sources did not compile");
    }
  }

  private static void addClasses(JarOutputStream out, Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
  }

  /** The source of a task class with an id and an optional constructor body. */
  static String taskSource(String className, String id, String constructorBody) {
    String pkg = className.substring(0, className.lastIndexOf('.'));
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return "package "
        + pkg
        + ";\n"
        + "import io.camarad.upkeep.api.*;\n"
        + "import java.util.*;\n"
        + "public class "
        + simple
        + " implements UpkeepTask {\n"
        + "  public "
        + simple
        + "() { "
        + constructorBody
        + " }\n"
        + "  public String id() { return \""
        + id
        + "\"; }\n"
        + "  public TaskPlan plan(TaskContext c) {\n"
        + "    return TaskPlan.changes(\"jar task\", List.of(), Map.of(\"v\", \"1\")); }\n"
        + "  public TaskOutcome apply(TaskContext c, TaskPlan p) {\n"
        + "    return TaskOutcome.of(\"applied from a jar\"); }\n"
        + "}\n";
  }
}
