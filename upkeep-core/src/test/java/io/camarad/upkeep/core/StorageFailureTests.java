package io.camarad.upkeep.core;

import static io.camarad.upkeep.core.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.camarad.upkeep.api.RunReport;
import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.api.TaskStatus;
import io.camarad.upkeep.core.config.ConfigProblem;
import io.camarad.upkeep.core.internal.StorageFailure;
import io.camarad.upkeep.testkit.FakeTasks;
import io.camarad.upkeep.testkit.LogCapture;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StorageFailureTests {
  @TempDir Path dir;
  @RegisterExtension LogCapture logs = new LogCapture();

  @Test
  void aStateDirectoryThatIsAFileIsAConfigurationProblemBeforeAnythingRuns() throws Exception {
    Path file = Files.writeString(dir.resolve("state-as-file"), "not a directory");

    assertThatThrownBy(() -> engine(file, FakeTasks.succeeding("a")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> {
              assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("stateDir");
              assertThat(e.getMessage())
                  .contains(file.toString())
                  .contains("is a file")
                  .contains("--state-dir / stateDir");
            });
  }

  @Test
  void aStateDirectoryUnderAFileIsAConfigurationProblem() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");

    assertThatThrownBy(() -> engine(file.resolve(".upkeep"), FakeTasks.succeeding("a")).build())
        .isInstanceOfSatisfying(
            ConfigurationFailedException.class,
            e -> assertThat(e.getMessage()).contains("lies under " + file).contains("stateDir"));
  }

  @Test
  void aLockFileThatCannotBeOpenedIsNamedWithItsCauseAndTheFix() throws Exception {
    Files.createDirectories(dir.resolve("lock.guard"));
    try (Upkeep upkeep = engine(dir, FakeTasks.succeeding("a")).build()) {
      assertThatThrownBy(upkeep::apply)
          .isInstanceOfSatisfying(
              EngineFailureException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("apply failed: cannot use " + dir.resolve("lock.guard"))
                      .contains("is a directory")
                      .contains(
                          "make the state directory "
                              + dir
                              + " writable or choose another with"
                              + " --state-dir / stateDir"));
    }
  }

  @Test
  void aStateFileThatCannotBeWrittenFailsTheTaskNamingPathCauseAndFix() throws Exception {
    Files.writeString(dir.resolve("state"), "a file where the state directory belongs");
    Files.writeString(dir.resolve("runs"), "a file where the history belongs");
    try (Upkeep upkeep = engine(dir, FakeTasks.succeeding("a")).build()) {
      RunReport report = upkeep.apply();

      assertThat(report.status()).isEqualTo(RunStatus.FAILED);
      assertThat(report.task("a").orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
      assertThat(report.error().message())
          .contains(dir.resolve("state").toString())
          .contains("not a directory")
          .contains("--state-dir / stateDir");
    }
    assertThat(logs.lines("ERROR"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("could not be added to the history")
                    .contains(dir.resolve("runs").toString())
                    .contains("not a directory")
                    .contains("--state-dir"));
  }

  @Test
  void aReadOnlyStateDirectorySaysPermissionDenied() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try (Upkeep upkeep = engine(readOnly, FakeTasks.succeeding("a")).build()) {
      assertThatThrownBy(upkeep::apply)
          .hasMessageContaining("permission denied")
          .hasMessageContaining(readOnly.toString())
          .hasMessageContaining("--state-dir");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void causesAreToldInWords() {
    Path stateDir = Path.of("/srv/upkeep/.upkeep");
    assertThat(explain(new AccessDeniedException("/srv/upkeep/.upkeep/lock.guard"), stateDir))
        .isEqualTo(
            "cannot use /srv/upkeep/.upkeep/lock.guard: permission denied; make the"
                + " state directory /srv/upkeep/.upkeep writable or choose another with"
                + " --state-dir / stateDir");
    assertThat(
            explain(
                new FileSystemException(
                    "/srv/upkeep/.upkeep/audit.log", null, "Read-only file system"),
                stateDir))
        .contains(": read-only file system;");
    assertThat(
            explain(
                new FileSystemException(
                    "/srv/upkeep/.upkeep/runs/r.json", null, "No space left on device"),
                stateDir))
        .contains("r.json: no space left on device;");
    assertThat(
            StorageFailure.of(
                    new IOException("No space left on device"),
                    stateDir.resolve("audit.log"),
                    stateDir)
                .getMessage())
        .startsWith("cannot use /srv/upkeep/.upkeep/audit.log: no space left on device;");
  }

  private static String explain(IOException e, Path stateDir) {
    return StorageFailure.describe(new IllegalStateException("wrapped", e), stateDir).orElseThrow();
  }
}
