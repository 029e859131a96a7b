package io.camarad.upkeep.task.mongo;

import java.nio.file.Path;

/**
 * A finished backup: Extended JSON lines, gzip-compressed, with a SHA-256 checksum file beside it
 * in {@code sha256sum} format.
 *
 * @param file the backup
 * @param checksumFile the checksum file ({@code <file>.sha256})
 * @param documents how many documents were written
 * @param sha256 the checksum of the bytes written, in hex
 */
record BackupFile(Path file, Path checksumFile, long documents, String sha256) {

  static Path checksumFileOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".sha256");
  }

  /**
   * The metadata file beside a backup ({@code <file>.meta.json}): the run and collection, the run
   * lock's fencing token (null without one), the document count and the checksum, so an operator
   * can tell which run wrote it.
   */
  static Path metadataFileOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".meta.json");
  }
}
