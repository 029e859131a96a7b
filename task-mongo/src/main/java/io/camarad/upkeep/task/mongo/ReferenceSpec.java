package io.camarad.upkeep.task.mongo;

/**
 * A reference between collections: every value of {@code fromCollection.fromField} (each element
 * when it is an array) must equal {@code toField} of some document of {@code toCollection}.
 */
record ReferenceSpec(String fromCollection, String fromField, String toCollection, String toField) {

  /** Parses {@code users.roles} and {@code roles.name}. */
  static ReferenceSpec parse(String from, String to) {
    int fromDot = from.indexOf('.');
    int toDot = to.indexOf('.');
    if (fromDot <= 0 || toDot <= 0 || fromDot == from.length() - 1 || toDot == to.length() - 1) {
      throw new IllegalArgumentException(
          "a reference is written 'collection.field', for example from: users.roles,"
              + " to: roles.name; got from: '"
              + from
              + "', to: '"
              + to
              + "'");
    }
    return new ReferenceSpec(
        from.substring(0, fromDot),
        from.substring(fromDot + 1),
        to.substring(0, toDot),
        to.substring(toDot + 1));
  }

  String from() {
    return fromCollection + "." + fromField;
  }

  String to() {
    return toCollection + "." + toField;
  }
}
