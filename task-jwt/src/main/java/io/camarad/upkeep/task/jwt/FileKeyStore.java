package io.camarad.upkeep.task.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the ring in {@code ring.json} in a directory readable by the owner only ({@code rwx------},
 * file {@code rw-------}), replaced atomically on every save.
 */
final class FileKeyStore implements KeyStore {
  static final String FILE_NAME = "ring.json";

  private final Path file;
  private final RingCodec codec;

  FileKeyStore(Path directory, RingCodec codec) {
    this.file = directory.resolve(FILE_NAME);
    this.codec = codec;
  }

  Path file() {
    return file;
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public Optional<KeyRing> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String json = Files.readString(file, StandardCharsets.UTF_8);
    return Optional.of(codec.decode(json, file.toString()));
  }

  @Override
  public void save(KeyRing ring) throws IOException {
    byte[] content = codec.encode(ring).getBytes(StandardCharsets.UTF_8);
    AtomicFileWriter.write(file, content, AtomicFileWriter.Access.OWNER_ONLY);
  }

  @Override
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
