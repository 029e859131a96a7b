package io.camarad.upkeep.task.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.camarad.upkeep.api.Cancellation;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Checks the data against the protocol: expected counts and minimums, a JSON Schema on every
 * document, and references between collections. Reads only.
 */
final class DataVerifier {
  private final MongoDatabase database;
  private final MongoTaskConfig config;
  private final MongoCalls calls;
  private final Cancellation cancellation;

  DataVerifier(
      MongoDatabase database, MongoTaskConfig config, MongoCalls calls, Cancellation cancellation) {
    this.database = database;
    this.config = config;
    this.calls = calls;
    this.cancellation = cancellation;
  }

  VerificationReport verify() throws Exception {
    int checks = 0;
    List<String> failures = new ArrayList<>();
    for (CollectionConfig collection : config.collections()) {
      checks += checkCount(collection, failures);
      checks += checkSchema(collection, failures);
    }
    for (ReferenceSpec reference : config.references()) {
      checks++;
      ReferenceCheck check =
          new ReferenceCheck(database, reference, config.batchSize(), config.maxReported());
      addIfFailed(
          failures,
          calls.run("check references " + reference.from(), () -> check.check(cancellation)));
    }
    return new VerificationReport(checks, failures);
  }

  private int checkCount(CollectionConfig collection, List<String> failures) throws Exception {
    if (collection.count() == null && collection.minCount() == null) {
      return 0;
    }
    MongoCollection<Document> mongo = database.getCollection(collection.name());
    long count = calls.run("count " + collection.name(), mongo::countDocuments);
    if (collection.count() != null && count != collection.count()) {
      failures.add(
          collection.name()
              + ": "
              + count
              + " documents, expected exactly "
              + collection.count()
              + " (count)");
    }
    if (collection.minCount() != null && count < collection.minCount()) {
      failures.add(
          collection.name()
              + ": "
              + count
              + " documents, expected at least "
              + collection.minCount()
              + " (minCount)");
    }
    return 1;
  }

  private int checkSchema(CollectionConfig collection, List<String> failures) throws Exception {
    if (collection.schema().isEmpty()) {
      return 0;
    }
    SchemaCheck check = new SchemaCheck(collection.schema());
    MongoCollection<Document> mongo = database.getCollection(collection.name());
    addIfFailed(
        failures,
        calls.run(
            "check schema of " + collection.name(),
            () -> check.check(mongo, config.batchSize(), config.maxReported(), cancellation)));
    return 1;
  }

  private static void addIfFailed(List<String> failures, String failure) {
    if (failure != null) {
      failures.add(failure);
    }
  }
}
