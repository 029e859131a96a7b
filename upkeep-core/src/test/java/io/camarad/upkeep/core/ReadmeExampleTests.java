package io.camarad.upkeep.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.api.UpkeepTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example of the README compiles against the published API and does what it says. */
class ReadmeExampleTests {
  private static final Pattern EXAMPLE =
      Pattern.compile(
          "<!-- embedding-example:start -->\\s*```java\\n(.*?)```\\s*<!-- embedding-example:end -->",
          Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theEmbeddingExampleCompilesAndPlansAppliesThenHasNothingToDo() throws Exception {
    Path source = dir.resolve("NightlyUpkeep.java");
    Files.writeString(source, example());

    compile(source);
    String printed = runMain(dir.resolve("state").toString());

    assertThat(printed.strip()).isEqualTo("PLANNED SUCCEEDED NOTHING_TO_DO");
  }

  private static String example() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher matcher = EXAMPLE.matcher(readme);
    assertThat(matcher.find())
        .as("the README has an embedding example between its markers")
        .isTrue();
    return matcher.group(1);
  }

  private void compile(Path source) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String classPath =
        location(Upkeep.class) + java.io.File.pathSeparator + location(UpkeepTask.class);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        compiler.run(
            null,
            null,
            errors,
            "--release",
            "17",
            "-cp",
            classPath,
            "-d",
            dir.toString(),
            source.toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
  }

  private String runMain(String stateDir) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("NightlyUpkeep").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {stateDir});
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
