package io.camarad.upkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The packaged {@code camarad.jar} run as a separate process, the way a user runs it: its own JVM,
 * a working directory, an environment without the optional services' variables, and its output
 * captured in files so that a test can watch it while it runs.
 */
final class CamaradJar {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Path jar;
  private final Path workDir;

  CamaradJar(Path workDir) {
    this.jar = jarPath();
    this.workDir = workDir;
  }

  /** The jar built by the package phase (the build passes its path in {@code camarad.jar}). */
  static Path jarPath() {
    Path jar = Path.of(System.getProperty("camarad.jar", "target/camarad.jar")).toAbsolutePath();
    assertThat(jar).as("the packaged jar; run these tests with mvn verify").isRegularFile();
    return jar;
  }

  /** The repository root (the build passes it in {@code camarad.root}). */
  static Path repositoryRoot() {
    return Path.of(System.getProperty("camarad.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * Copies the repository's demonstration protocol into {@code dir}, beside a link to the
   * repository's {@code examples/}, so that a run writes only under {@code dir}.
   */
  static CamaradJar demonstrationIn(Path dir) throws IOException {
    Path root = repositoryRoot();
    Path protocol = root.resolve("cblm001.yaml");
    assertThat(protocol).as("the demonstration protocol at the repository root").isRegularFile();
    Files.copy(protocol, dir.resolve("cblm001.yaml"));
    Files.createSymbolicLink(dir.resolve("examples"), root.resolve("examples"));
    return new CamaradJar(dir);
  }

  /** Starts {@code camarad args...} and returns at once. */
  Running start(String... args) {
    int n = COUNTER.incrementAndGet();
    Path out = workDir.resolve("stdout-" + n + ".txt");
    Path err = workDir.resolve("stderr-" + n + ".txt");
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    cleanEnvironment(builder.environment());
    try {
      return new Running(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code camarad args...} to its end (at most two minutes). */
  Finished run(String... args) {
    return start(args).await(Duration.ofMinutes(2));
  }

  private static void cleanEnvironment(Map<String, String> environment) {
    environment
        .keySet()
        .removeIf(
            key ->
                key.startsWith("UPKEEP_")
                    || key.equals("PINECONE_API_KEY")
                    || key.startsWith("DISCORD_")
                    || key.startsWith("CLOUDFLARE_"));
    environment.put("NO_COLOR", "1");
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A process still running. */
  record Running(Process process, Path stdoutFile, Path stderrFile) {
    long pid() {
      return process.pid();
    }

    String stdout() {
      return read(stdoutFile);
    }

    /** Waits until the standard output contains {@code text}, failing after {@code limit}. */
    void awaitOutput(String text, Duration limit) {
      Instant end = Instant.now().plus(limit);
      while (!stdout().contains(text)) {
        if (!process.isAlive()) {
          throw new AssertionError(
              "camarad ended before printing '"
                  + text
                  + "':\n"
                  + stdout()
                  + "\n"
                  + read(stderrFile));
        }
        if (Instant.now().isAfter(end)) {
          throw new AssertionError(
              "camarad did not print '" + text + "' within " + limit + ":\n" + stdout());
        }
        sleep(50);
      }
    }

    /** Kills the process as a crash would: no shutdown hooks, no finally blocks. */
    void crash() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    Finished await(Duration limit) {
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("camarad did not end within " + limit + ":\n" + stdout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return new Finished(process.exitValue(), stdout(), read(stderrFile));
    }
  }

  /** A process that ended. */
  record Finished(int exitCode, String stdout, String stderr) {
    JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("stdout is not one JSON document:\n" + stdout + "\n" + stderr, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** Every {@code .json} file under {@code directory}, parsed; fails on the first corrupt one. */
  static List<Path> assertAllJsonParses(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).toList();
    }
    for (Path file : files) {
      try {
        JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new AssertionError("corrupt state file " + file + ": " + e.getMessage(), e);
      }
    }
    List<Path> lines;
    try (Stream<Path> walk = Files.walk(directory)) {
      lines = walk.filter(CamaradJar::isJsonLines).toList();
    }
    for (Path file : lines) {
      assertJsonLines(file);
    }
    return files;
  }

  private static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.equals("audit.log");
  }

  /** An append-only JSON-lines log may end in a torn last line after a crash, nowhere else. */
  private static void assertJsonLines(Path file) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < all.size(); i++) {
      String line = all.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JSON.readTree(line);
      } catch (IOException e) {
        if (i < all.size() - 1) {
          throw new AssertionError("corrupt line " + (i + 1) + " in " + file, e);
        }
      }
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
