package movierec.runners.sweep;

import movierec.tracking.RunStatus;

/**
 * How one trial of a sweep ended: its child run and name (e.g. {@code ials-003}), status, its metric
 * (NaN unless FINISHED) and, when it failed, the reason in one line.
 */
public record TrialOutcome(String runId, String runName, RunStatus status, double metric, String family, String reason) {
  /** The console's line for a trial that did not finish. */
  public String failureLine() {
    return runName + " " + status + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }
}
