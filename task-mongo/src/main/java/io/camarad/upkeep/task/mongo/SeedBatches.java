package io.camarad.upkeep.task.mongo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads a collection's baseline (inline documents, then the seed file) in shaped batches, so that
 * memory holds one batch at a time. Two documents with the same key in one batch are an error
 * naming both places.
 */
final class SeedBatches implements AutoCloseable {
  private final CollectionConfig collection;
  private final SeedShaper shaper;
  private final int batchSize;
  private final List<SeedStream> streams = new ArrayList<>();
  private int current;

  private SeedBatches(CollectionConfig collection, int batchSize) {
    this.collection = collection;
    this.shaper = new SeedShaper(collection);
    this.batchSize = batchSize;
  }

  static SeedBatches open(CollectionConfig collection, int batchSize)
      throws IOException, SeedFormatException {
    SeedBatches batches = new SeedBatches(collection, batchSize);
    batches.streams.add(SeedReader.inline(collection.documents()));
    if (collection.seedFile() != null) {
      batches.streams.add(SeedReader.open(collection.seedFile()));
    }
    return batches;
  }

  SeedShaper shaper() {
    return shaper;
  }

  /** The next batch of shaped documents; empty at the end. */
  List<Document> next() throws IOException, SeedFormatException {
    List<Document> batch = new ArrayList<>(Math.min(batchSize, 4096));
    Map<Object, String> seen = new HashMap<>();
    while (batch.size() < batchSize && current < streams.size()) {
      SeedDocument seed = streams.get(current).next();
      if (seed == null) {
        current++;
        continue;
      }
      Document document = shaper.shape(seed);
      String earlier = seen.put(shaper.keyOf(document), seed.where());
      if (earlier != null) {
        throw new SeedFormatException(
            seed.source(),
            seed.line(),
            "duplicate key "
                + collection.key()
                + "="
                + shaper.keyOf(document)
                + " (also at "
                + earlier
                + ")",
            "keep one document per key");
      }
      batch.add(document);
    }
    return batch;
  }

  @Override
  public void close() throws IOException {
    for (SeedStream stream : streams) {
      stream.close();
    }
  }
}
