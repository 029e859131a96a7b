package io.camarad.upkeep.task.mongo;

import org.bson.Document;

/**
 * A declared index that an existing one contradicts. Never resolved by dropping: a person decides.
 *
 * @param collection the collection
 * @param declared the declared definition
 * @param existing the existing definition, as {@code listIndexes} shows it
 * @param reason "same keys, other options" or "same name, other keys"
 */
record IndexConflict(String collection, Document declared, Document existing, String reason) {

  String describe() {
    return collection
        + ": declared index "
        + declared.toJson()
        + " conflicts with existing "
        + existing.toJson()
        + " ("
        + reason
        + "); drop or rename the existing index by hand, or"
        + " change the declaration to match it";
  }
}
