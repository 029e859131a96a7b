package io.camarad.upkeep.task.mongo;

/** The data does not pass the protocol's checks (and they are not marked as warnings). */
final class VerificationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  VerificationFailedException(VerificationReport report) {
    super(
        "verification failed ("
            + report.failures().size()
            + " of "
            + report.checks()
            + " checks): "
            + String.join("; ", report.failures())
            + " (fix the data, or set verification: warn to report without failing)");
  }
}
