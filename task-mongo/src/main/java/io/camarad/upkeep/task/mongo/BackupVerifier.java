package io.camarad.upkeep.task.mongo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.bson.Document;

/**
 * Reads a backup back before anything changes: the checksum of the file on disk must equal the
 * checksum recorded while writing, and every line must parse, in the expected number.
 */
final class BackupVerifier {

  private BackupVerifier() {}

  static void verify(BackupFile backup) throws BackupVerificationException {
    checkChecksum(backup.file(), backup.sha256());
    long read = read(backup.file(), document -> {});
    if (read != backup.documents()) {
      throw new BackupVerificationException(
          "backup "
              + backup.file()
              + " holds "
              + read
              + " documents, "
              + backup.documents()
              + " were written; the change was not made");
    }
  }

  /** Checks a backup against its checksum file before it is used to restore. */
  static void verifyRecorded(Path file) throws BackupVerificationException {
    checkChecksum(file, recordedChecksum(file));
  }

  /** The lines of a backup, one Extended JSON document each. */
  static BufferedReader lines(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
  }

  private static String recordedChecksum(Path file) throws BackupVerificationException {
    try {
      String line = Files.readString(BackupFile.checksumFileOf(file), StandardCharsets.US_ASCII);
      return line.split("\\s+", 2)[0];
    } catch (IOException e) {
      throw new BackupVerificationException(
          "backup "
              + file
              + " has no readable checksum file;"
              + " restore it by hand after checking it",
          e);
    }
  }

  private static void checkChecksum(Path file, String expected) throws BackupVerificationException {
    String actual = sha256Of(file);
    if (!actual.equals(expected)) {
      throw new BackupVerificationException(
          "backup "
              + file
              + " failed verification: SHA-256 "
              + actual
              + " on disk, "
              + expected
              + " written; the change was not made (check the"
              + " disk under the state directory)");
    }
  }

  private static String sha256Of(Path file) throws BackupVerificationException {
    MessageDigest digest = BackupWriter.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new BackupVerificationException("backup " + file + " cannot be read back", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long read(Path file, Consumer<Document> sink) throws BackupVerificationException {
    long count = 0;
    try (BufferedReader reader = lines(file)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        sink.accept(Document.parse(line));
        count++;
      }
    } catch (IOException | RuntimeException e) {
      throw new BackupVerificationException(
          "backup " + file + " does not read back: " + e.getMessage() + "; the change was not made",
          e);
    }
    return count;
  }
}
