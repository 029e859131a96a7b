package io.camarad.upkeep.core.internal;

import io.camarad.upkeep.api.spi.StateStore;
import io.camarad.upkeep.api.spi.TaskStateRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Task state and run history as files under the state directory: {@code state/<task>.json} and
 * {@code runs/<runId>.json}, each written atomically. Reading never creates anything.
 */
public final class FileStateStore implements StateStore, HistoryPruning {
  private final Path stateFiles;
  private final Path runFiles;

  public FileStateStore(Path stateDirectory) {
    this.stateFiles = stateDirectory.resolve("state");
    this.runFiles = stateDirectory.resolve("runs");
  }

  @Override
  public Optional<TaskStateRecord> load(String taskId) throws IOException {
    Path file = stateFile(taskId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String json = Files.readString(file, StandardCharsets.UTF_8);
    return Optional.of(JsonCodec.read(json, TaskStateRecord.class));
  }

  @Override
  public void save(TaskStateRecord state) throws IOException {
    AtomicFileWriter.write(stateFile(state.taskId()), JsonCodec.pretty(state));
  }

  @Override
  public void recordRun(String runId, String reportJson) throws IOException {
    AtomicFileWriter.write(runFiles.resolve(runId + ".json"), reportJson);
  }

  @Override
  public List<String> history(int limit) throws IOException {
    if (!Files.isDirectory(runFiles)) {
      return List.of();
    }
    List<String> reports = new ArrayList<>();
    for (Path file : newestFirst(limit)) {
      reports.add(Files.readString(file, StandardCharsets.UTF_8));
    }
    return reports;
  }

  @Override
  public int pruneHistory(int keep) throws IOException {
    if (!Files.isDirectory(runFiles)) {
      return 0;
    }
    List<Path> old = newestFirst(Integer.MAX_VALUE).stream().skip(keep).toList();
    for (Path file : old) {
      Files.deleteIfExists(file);
    }
    return old.size();
  }

  private List<Path> newestFirst(int limit) throws IOException {
    try (Stream<Path> files = Files.list(runFiles)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted(
              Comparator.comparing(FileStateStore::modified)
                  .thenComparing(Path::toString)
                  .reversed())
          .limit(limit)
          .toList();
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }

  private Path stateFile(String taskId) {
    if (!taskId.matches("[A-Za-z0-9._-]+") || taskId.startsWith(".")) {
      throw new IllegalArgumentException("task id '" + taskId + "' cannot name a state file");
    }
    return stateFiles.resolve(taskId + ".json");
  }
}
