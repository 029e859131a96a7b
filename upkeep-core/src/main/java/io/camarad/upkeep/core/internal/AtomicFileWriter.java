package io.camarad.upkeep.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader sees the old content or the new one, never a mix: a temporary file
 * in the same directory, flushed to disk, then renamed over the target.
 */
public final class AtomicFileWriter {
  private AtomicFileWriter() {}

  /** Writes {@code text} as UTF-8 to {@code target} atomically, creating parent directories. */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code bytes} to {@code target} atomically, creating parent directories.
   *
   * @throws FileSystemException naming the file, whatever failed (a full disk included)
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    try {
      writeAtomically(target, bytes);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw naming(target, e);
    }
  }

  /** {@code failure} as a file system failure that names {@code file}. */
  static FileSystemException naming(Path file, IOException failure) {
    FileSystemException named =
        new FileSystemException(file.toString(), null, failure.getMessage());
    named.initCause(failure);
    return named;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      writeAndSync(temp, bytes);
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeAndSync(Path temp, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Only on file systems without atomic rename; the temp file is complete and synced.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
