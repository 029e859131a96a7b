package io.camarad.upkeep.core.internal;

import java.util.List;

/** A saved plan no longer matches what a fresh plan sees; nothing was applied. */
public final class PlanDriftDetected extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> drifts;

  public PlanDriftDetected(List<String> drifts) {
    super(
        "the saved plan no longer matches: "
            + String.join("; ", drifts)
            + "; make a new plan and apply that");
    this.drifts = List.copyOf(drifts);
  }

  /** What differs, one line each. */
  public List<String> drifts() {
    return drifts;
  }
}
