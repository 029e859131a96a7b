package io.camarad.upkeep.task.mongo;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes the documents about to change to a gzip file of Extended JSON lines, computing the SHA-256
 * of the bytes on the way; the file appears under its final name only when complete (temporary
 * file, fsync, atomic rename), followed by its checksum file.
 */
final class BackupWriter {
  private static final JsonWriterSettings RELAXED =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final Path target;
  private final Path temp;
  private final FileOutputStream file;
  private final MessageDigest digest;
  private final Writer writer;
  private final Document metadata;
  private long documents;

  /**
   * @param sink wraps the stream to the file below the checksum (tests use it to simulate a disk
   *     that corrupts what it stores)
   * @param metadata what identifies the writer (run, collection, fencing token), written with the
   *     count and checksum to the metadata file
   */
  BackupWriter(Path target, UnaryOperator<OutputStream> sink, Document metadata)
      throws IOException {
    this.target = target;
    this.metadata = new Document(metadata);
    Files.createDirectories(target.toAbsolutePath().getParent());
    this.temp =
        Files.createTempFile(
            target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
    this.file = new FileOutputStream(temp.toFile());
    this.digest = sha256();
    OutputStream toDisk = sink.apply(new BufferedOutputStream(file, 1 << 16));
    this.writer =
        new OutputStreamWriter(
            new GZIPOutputStream(new DigestOutputStream(toDisk, digest), 1 << 16),
            StandardCharsets.UTF_8);
  }

  void write(Document document) throws IOException {
    writer.write(ExtendedJson.write(document));
    writer.write('\n');
    documents++;
  }

  /** Completes the file and its checksum; the backup still has to be verified. */
  BackupFile finish() throws IOException {
    writer.flush();
    writer.close();
    String hex = HexFormat.of().formatHex(digest.digest());
    syncAndMove();
    Path checksum = BackupFile.checksumFileOf(target);
    String line = hex + "  " + target.getFileName() + "\n";
    AtomicFileWriter.write(checksum, line.getBytes(StandardCharsets.US_ASCII));
    Document meta = new Document(metadata).append("documents", documents).append("sha256", hex);
    AtomicFileWriter.write(
        BackupFile.metadataFileOf(target),
        (meta.toJson(RELAXED) + "\n").getBytes(StandardCharsets.UTF_8));
    return new BackupFile(target, checksum, documents, hex);
  }

  /** Discards an unfinished backup. */
  void abort() {
    try {
      writer.close();
    } catch (IOException ignored) {
      // the temporary file is deleted below either way
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stray temporary file is harmless: it never has a backup's name
    }
  }

  private void syncAndMove() throws IOException {
    try (FileOutputStream reopened = new FileOutputStream(temp.toFile(), true)) {
      reopened.getFD().sync();
    }
    AtomicFileWriter.moveIntoPlace(temp, target);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
