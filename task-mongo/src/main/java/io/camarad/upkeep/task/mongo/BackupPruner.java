package io.camarad.upkeep.task.mongo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Deletes backups (and their checksum files) older than the retention. */
final class BackupPruner {

  private BackupPruner() {}

  /** Returns how many backups were deleted. */
  static int prune(Path dataDirectory, Duration retention, Instant now) throws IOException {
    Path directory = ChangeJournal.backupsDirectory(dataDirectory);
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    Instant cutoff = now.minus(retention);
    int deleted = 0;
    try (DirectoryStream<Path> backups = Files.newDirectoryStream(directory, "*.jsonl.gz")) {
      for (Path backup : backups) {
        if (Files.getLastModifiedTime(backup).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(BackupFile.checksumFileOf(backup));
          Files.deleteIfExists(BackupFile.metadataFileOf(backup));
          Files.delete(backup);
          deleted++;
        }
      }
    }
    return deleted;
  }
}
