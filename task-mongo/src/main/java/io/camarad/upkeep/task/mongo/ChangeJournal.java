package io.camarad.upkeep.task.mongo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Where one run records what it changed, under the task's data directory, so that undo can reverse
 * it: backups of updated documents ({@code backups/<runId>-<collection>.jsonl.gz}), keys of
 * inserted documents and names of created indexes ({@code runs/<runId>/}).
 */
final class ChangeJournal {
  private final Path dataDirectory;
  private final String runId;
  private final UnaryOperator<OutputStream> backupSink;
  private final OptionalLong fencingToken;

  /** A journal whose backups record no fencing token (undo only reads). */
  ChangeJournal(Path dataDirectory, String runId, UnaryOperator<OutputStream> backupSink) {
    this(dataDirectory, runId, backupSink, OptionalLong.empty());
  }

  /**
   * @param fencingToken the run lock's token, recorded in each backup's metadata file
   */
  ChangeJournal(
      Path dataDirectory,
      String runId,
      UnaryOperator<OutputStream> backupSink,
      OptionalLong fencingToken) {
    this.fencingToken = fencingToken;
    this.dataDirectory = dataDirectory;
    this.runId = runId;
    this.backupSink = backupSink;
  }

  static Path backupsDirectory(Path dataDirectory) {
    return dataDirectory.resolve("backups");
  }

  /**
   * The backup files of a collection in this run, oldest first: a retried apply of the same run
   * writes {@code <runId>-<collection>.2.jsonl.gz} and so on, never over the first one, which holds
   * the documents as they were before the run.
   */
  List<Path> backupFiles(String collection) {
    List<Path> files = new ArrayList<>();
    for (int attempt = 1; Files.exists(backupFile(collection, attempt)); attempt++) {
      files.add(backupFile(collection, attempt));
    }
    return files;
  }

  BackupWriter openBackup(String collection) throws IOException {
    Document metadata =
        new Document("runId", runId)
            .append("collection", collection)
            .append("fencingToken", fencingToken.isPresent() ? fencingToken.getAsLong() : null);
    return new BackupWriter(
        backupFile(collection, backupFiles(collection).size() + 1), backupSink, metadata);
  }

  private Path backupFile(String collection, int attempt) {
    String suffix = attempt == 1 ? "" : "." + attempt;
    return backupsDirectory(dataDirectory)
        .resolve(runId + "-" + safe(collection) + suffix + ".jsonl.gz");
  }

  Path insertedKeysFile(String collection) {
    return runDirectory().resolve("inserted-" + safe(collection) + ".jsonl");
  }

  InsertJournal insertJournal(String collection) {
    return new InsertJournal(insertedKeysFile(collection));
  }

  /** Records indexes this run created (one line each, synced). */
  void recordCreatedIndexes(String collection, List<String> names) throws IOException {
    if (names.isEmpty()) {
      return;
    }
    Files.createDirectories(runDirectory());
    StringBuilder lines = new StringBuilder();
    for (String name : names) {
      lines
          .append(new Document("collection", collection).append("name", name).toJson())
          .append('\n');
    }
    Files.writeString(
        indexesFile(),
        lines,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
  }

  /** The indexes this run created, as {collection, name} documents. */
  List<Document> createdIndexes() throws IOException {
    List<Document> result = new ArrayList<>();
    if (Files.exists(indexesFile())) {
      for (String line : Files.readAllLines(indexesFile(), StandardCharsets.UTF_8)) {
        if (line.endsWith("}")) {
          result.add(Document.parse(line));
        }
      }
    }
    return result;
  }

  private Path indexesFile() {
    return runDirectory().resolve("indexes.jsonl");
  }

  private Path runDirectory() {
    return dataDirectory.resolve("runs").resolve(safe(runId));
  }

  /** File-name-safe form of a collection or run name. */
  static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
