package io.camarad.upkeep.core;

import java.util.List;

/**
 * A saved plan no longer matches what a fresh plan sees, so it was not applied.
 *
 * @since 0.1
 */
public final class PlanDriftException extends UpkeepException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> drifts;

  PlanDriftException(List<String> drifts) {
    super(
        "the saved plan no longer matches what the tasks see now:\n  "
            + String.join("\n  ", drifts)
            + "\nmake a new plan and apply that");
    this.drifts = List.copyOf(drifts);
  }

  /** What differs, one line per difference. */
  public List<String> drifts() {
    return drifts;
  }
}
