package io.camarad.upkeep.task.mongo;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a small file atomically: a temporary file in the same directory, fsync, rename. */
final class AtomicFileWriter {

  private AtomicFileWriter() {}

  static void write(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temp =
        Files.createTempFile(
            target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
      out.write(content);
      out.getFD().sync();
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    moveIntoPlace(temp, target);
  }

  static void moveIntoPlace(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
