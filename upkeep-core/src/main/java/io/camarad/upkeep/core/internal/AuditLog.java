package io.camarad.upkeep.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log, {@code <stateDir>/audit.log}: one JSON object per line, appended and flushed to
 * disk, never rewritten. Each line carries the time, the run id and the event. Once the file has
 * passed the size limit, it is renamed {@code audit.log.1} (older ones shift to {@code .2}, ...;
 * the oldest beyond the number kept is deleted) before the next line is written.
 */
public final class AuditLog {
  private final Path file;
  private final long maxSize;
  private final int keptFiles;

  /**
   * @param maxSize bytes past which the log is rotated
   * @param keptFiles rotated files kept
   */
  public AuditLog(Path stateDirectory, long maxSize, int keptFiles) {
    this.file = stateDirectory.resolve("audit.log");
    this.maxSize = maxSize;
    this.keptFiles = keptFiles;
  }

  /** Appends one event; {@code fields} hold only masked text. */
  public synchronized void append(
      Instant time, String runId, String event, Map<String, Object> fields) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time.toString());
    line.put("runId", runId);
    line.put("event", event);
    line.putAll(fields);
    byte[] bytes = (JsonCodec.line(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      write(bytes);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw AtomicFileWriter.naming(file, e);
    }
  }

  private void write(byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.isRegularFile(file) && Files.size(file) >= maxSize) {
      rotate();
    }
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** audit.log becomes audit.log.1, .1 becomes .2, ...; the one past the last kept goes. */
  private void rotate() throws IOException {
    Files.deleteIfExists(rotated(keptFiles));
    for (int i = keptFiles - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keptFiles == 0) {
      Files.delete(file);
    } else {
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path rotated(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }
}
