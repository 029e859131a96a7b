package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Compares the protocol's collections with the database, reading only. */
final class DatabaseReviewer {
  private final MongoDatabase database;
  private final MongoTaskConfig config;
  private final MongoCalls calls;
  private final Cancellation cancellation;
  private final UnchangedSeeds unchangedSeeds;
  private final IndexReconciler indexes = new IndexReconciler();

  DatabaseReviewer(
      MongoDatabase database,
      MongoTaskConfig config,
      MongoCalls calls,
      Cancellation cancellation,
      UnchangedSeeds unchangedSeeds) {
    this.unchangedSeeds = unchangedSeeds;
    this.database = database;
    this.config = config;
    this.calls = calls;
    this.cancellation = cancellation;
  }

  DatabaseReview review() throws Exception {
    List<IndexReview> indexReviews = new ArrayList<>();
    List<SeedCounts> seeds = new ArrayList<>();
    Map<String, Long> expectedCounts = new LinkedHashMap<>();
    for (CollectionConfig collection : config.collections()) {
      MongoCollection<Document> mongo = database.getCollection(collection.name());
      indexReviews.add(
          calls.run(
              "list indexes of " + collection.name(),
              () -> indexes.review(mongo, collection.indexes())));
      long count = calls.run("count " + collection.name(), mongo::estimatedDocumentCount);
      long change = 0;
      if (collection.hasSeed() && unchangedSeeds.unchanged(collection, count)) {
        seeds.add(SeedCounts.asLastRunLeft(collection.name(), count));
      } else if (collection.hasSeed()) {
        SeedCounts counts = seeder(collection).compare();
        seeds.add(counts);
        change = counts.inserted() - counts.deleted();
      }
      expectedCounts.put(collection.name(), count + change);
    }
    return new DatabaseReview(indexReviews, seeds, expectedCounts);
  }

  BaselineSeeder seeder(CollectionConfig collection) {
    return new BaselineSeeder(
        database.getCollection(collection.name()),
        collection,
        config.batchSize(),
        calls,
        cancellation);
  }
}
