package io.camarad.upkeep.task.jwt;

import io.camarad.upkeep.api.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes the JWK Set to a file, atomically, for static hosting as /.well-known/jwks.json. */
final class FileTarget implements PublicationTarget {
  private final Path file;

  FileTarget(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public Optional<String> snapshot(TaskContext context) throws IOException {
    return read();
  }

  @Override
  public boolean holds(TaskContext context, Publication publication) throws IOException {
    return read().filter(publication.jwksJson()::equals).isPresent();
  }

  @Override
  public Optional<String> publish(TaskContext context, Publication publication) throws IOException {
    write(publication.jwksJson());
    return Optional.empty();
  }

  @Override
  public void restore(
      TaskContext context,
      Optional<String> snapshot,
      Optional<String> receipt,
      Publication previous)
      throws IOException {
    if (snapshot.isPresent()) {
      write(snapshot.get());
    } else {
      Files.deleteIfExists(file);
    }
  }

  private Optional<String> read() throws IOException {
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private void write(String content) throws IOException {
    AtomicFileWriter.write(
        file, content.getBytes(StandardCharsets.UTF_8), AtomicFileWriter.Access.PUBLIC_READ);
  }
}
