package io.camarad.upkeep.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log, {@code <stateDir>/audit.log}: one JSON object per line, appended and flushed
 * to disk, never rewritten. Each line carries the time, the run id and the event.
 */
public final class AuditLog {
  private final Path file;

  public AuditLog(Path stateDirectory) {
    this.file = stateDirectory.resolve("audit.log");
  }

  /** Appends one event; {@code fields} hold only masked text. */
  public synchronized void append(Instant time, String runId, String event,
      Map<String, Object> fields) throws IOException {
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
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }
}
