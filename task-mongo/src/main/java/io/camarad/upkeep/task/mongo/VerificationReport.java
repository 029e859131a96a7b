package io.camarad.upkeep.task.mongo;

import java.util.List;

/**
 * What verification found.
 *
 * @param checks how many checks ran
 * @param failures one line per failed check, naming the collection, the rule and a few offending
 *     ids
 */
record VerificationReport(int checks, List<String> failures) {

  VerificationReport {
    failures = List.copyOf(failures);
  }

  boolean passed() {
    return failures.isEmpty();
  }
}
