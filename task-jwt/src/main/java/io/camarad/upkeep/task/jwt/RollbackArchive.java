package io.camarad.upkeep.task.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run needs to undo itself, kept under {@code rollback/<run id>/} in the task's data
 * directory (owner-only, since the previous ring holds private keys unless they are sealed): the
 * previous ring, what each target held before, and which targets the run touched.
 */
final class RollbackArchive {
  private static final String RING = "ring.json";
  private static final String NO_RING = "ring.absent";
  private static final int RUNS_KEPT = 5;

  private final Path root;
  private final RingCodec codec;

  RollbackArchive(Path dataDirectory, RingCodec codec) {
    this.root = dataDirectory.resolve("rollback");
    this.codec = codec;
  }

  /** Whether {@code runId} kept a copy of the ring (its first write), so may have changed it. */
  boolean hasRing(String runId) {
    Path directory = runDirectory(runId);
    return Files.exists(directory.resolve(RING)) || Files.exists(directory.resolve(NO_RING));
  }

  /** Keeps the ring as it was before {@code runId} changed it. */
  void keepRing(String runId, Optional<KeyRing> previous) throws IOException {
    if (previous.isPresent()) {
      write(runId, RING, codec.encode(previous.get()));
    } else {
      write(runId, NO_RING, "");
    }
  }

  /** The ring as it was before {@code runId}, or empty when there was none. */
  Optional<KeyRing> previousRing(String runId) throws IOException {
    Optional<String> json = read(runId, RING);
    if (json.isEmpty() && read(runId, NO_RING).isEmpty()) {
      throw new IOException("the rollback copy of run " + runId + " has no key ring");
    }
    return json.map(text -> codec.decode(text, runDirectory(runId).resolve(RING).toString()));
  }

  /** Keeps what target {@code index} held before {@code runId}. */
  void keepSnapshot(String runId, int index, Optional<String> snapshot) throws IOException {
    if (snapshot.isPresent()) {
      write(runId, "target-" + index + ".snapshot", snapshot.get());
    }
  }

  /** Marks target {@code index} as about to change, so that undo restores it. */
  void markAttempted(String runId, int index) throws IOException {
    write(runId, "target-" + index + ".attempted", "");
  }

  /** Keeps what publishing to target {@code index} returned. */
  void keepReceipt(String runId, int index, Optional<String> receipt) throws IOException {
    write(runId, "target-" + index + ".receipt", receipt.orElse(""));
  }

  boolean attempted(String runId, int index) {
    return Files.exists(runDirectory(runId).resolve("target-" + index + ".attempted"));
  }

  Optional<String> snapshot(String runId, int index) throws IOException {
    return read(runId, "target-" + index + ".snapshot");
  }

  Optional<String> receipt(String runId, int index) throws IOException {
    return read(runId, "target-" + index + ".receipt").filter(text -> !text.isEmpty());
  }

  /** Deletes the copies of all but the newest runs. */
  void prune() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> runs;
    try (Stream<Path> listing = Files.list(root)) {
      runs =
          listing
              .sorted(Comparator.comparing(RollbackArchive::modified).reversed())
              .skip(RUNS_KEPT)
              .toList();
    }
    for (Path run : runs) {
      deleteTree(run);
    }
  }

  private void write(String runId, String name, String content) throws IOException {
    AtomicFileWriter.createDirectory(root, AtomicFileWriter.Access.OWNER_ONLY);
    AtomicFileWriter.write(
        runDirectory(runId).resolve(name),
        content.getBytes(StandardCharsets.UTF_8),
        AtomicFileWriter.Access.OWNER_ONLY);
  }

  private Optional<String> read(String runId, String name) throws IOException {
    Path file = runDirectory(runId).resolve(name);
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private Path runDirectory(String runId) {
    return root.resolve("run-" + runId.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
