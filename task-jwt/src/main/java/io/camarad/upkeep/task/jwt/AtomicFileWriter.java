package io.camarad.upkeep.task.jwt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees the old content or the new, never a mix: a temporary file in
 * the same directory, forced to disk, then renamed over the target.
 */
final class AtomicFileWriter {

  /** Who may read what is written. */
  enum Access {
    /** Private keys and backups: {@code rw-------} files in {@code rwx------} directories. */
    OWNER_ONLY("rw-------", "rwx------"),
    /** Published sets: {@code rw-r--r--} files, directories as the umask makes them. */
    PUBLIC_READ("rw-r--r--", null);

    private final String filePermissions;
    private final String directoryPermissions;

    Access(String filePermissions, String directoryPermissions) {
      this.filePermissions = filePermissions;
      this.directoryPermissions = directoryPermissions;
    }
  }

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private AtomicFileWriter() {}

  /** Replaces {@code file} with {@code content}, creating its directory if needed. */
  static void write(Path file, byte[] content, Access access) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    createDirectory(directory, access);

    Path temporary = createTemporary(directory, file.getFileName().toString(), access);
    try {
      writeAndForce(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    forceDirectory(directory);
  }

  /** Creates {@code directory} (and parents) and, for owner-only access, restricts it. */
  static void createDirectory(Path directory, Access access) throws IOException {
    Files.createDirectories(directory);
    if (POSIX && access.directoryPermissions != null) {
      Files.setPosixFilePermissions(
          directory, PosixFilePermissions.fromString(access.directoryPermissions));
    }
  }

  private static Path createTemporary(Path directory, String name, Access access)
      throws IOException {
    if (!POSIX) {
      return Files.createTempFile(directory, "." + name, ".tmp");
    }
    Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(access.filePermissions);
    FileAttribute<Set<PosixFilePermission>> attribute =
        PosixFilePermissions.asFileAttribute(permissions);
    Path temporary = Files.createTempFile(directory, "." + name, ".tmp", attribute);
    // The umask may have narrowed the requested permissions; set them exactly.
    Files.setPosixFilePermissions(temporary, permissions);
    return temporary;
  }

  private static void writeAndForce(Path temporary, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for syncing; the rename is still atomic.
    }
  }
}
