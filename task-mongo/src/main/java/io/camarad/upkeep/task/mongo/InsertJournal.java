package io.camarad.upkeep.task.mongo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The natural keys of the documents a run inserts, written ahead of each bulk write and synced, so
 * that undo can delete them even if the run died halfway through a batch.
 */
final class InsertJournal implements AutoCloseable {
  private final Path file;
  private FileOutputStream stream;
  private BufferedWriter writer;

  InsertJournal(Path file) {
    this.file = file;
  }

  void record(Object key) throws IOException {
    if (writer == null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      stream = new FileOutputStream(file.toFile(), true);
      writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }
    writer.write(ExtendedJson.write(new Document("k", key)));
    writer.newLine();
  }

  /** Makes the recorded keys durable; called before the write they describe. */
  void flush() throws IOException {
    if (writer != null) {
      writer.flush();
      stream.getFD().sync();
    }
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }

  /** Reads recorded keys in batches; an unfinished last line (a crash mid-write) is skipped. */
  static void forEachBatch(Path file, int batchSize, BatchConsumer consumer) throws Exception {
    if (!Files.exists(file)) {
      return;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Object> batch = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.endsWith("}")) {
          batch.add(Document.parse(line).get("k"));
        }
        if (batch.size() == batchSize) {
          consumer.accept(batch);
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        consumer.accept(batch);
      }
    }
  }

  /** Receives one batch of keys. */
  @FunctionalInterface
  interface BatchConsumer {
    void accept(List<Object> keys) throws Exception;
  }
}
