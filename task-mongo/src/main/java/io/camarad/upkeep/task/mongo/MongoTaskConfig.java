package io.camarad.upkeep.task.mongo;

import java.time.Duration;
import java.util.List;

/**
 * The mongo task's settings, parsed and checked.
 *
 * @param resource the name of the shared MongoDB resource
 * @param batchSize documents per bulk write and per lookup
 * @param backupRetention how long backups are kept
 * @param warnOnly whether verification failures are warnings instead of failures
 * @param maxReported how many offending documents are named per check
 * @param collections the declared collections, default indexes included
 * @param references the declared references
 */
record MongoTaskConfig(
    String resource,
    int batchSize,
    Duration backupRetention,
    boolean warnOnly,
    int maxReported,
    List<CollectionConfig> collections,
    List<ReferenceSpec> references) {

  MongoTaskConfig {
    collections = List.copyOf(collections);
    references = List.copyOf(references);
  }
}
