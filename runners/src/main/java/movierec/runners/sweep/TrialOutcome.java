package movierec.runners.sweep;

import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;

/**
 * How one trial of a sweep ended: its child run and name (e.g. {@code ials-003}), status, its metric
 * (NaN unless FINISHED; a pruned trial's best epoch's) and, when it failed, the reason in one line.
 *
 * @param epochs epochs the trial ran (0 for closed-form families and trials that did not finish)
 * @param pruned why the pruner stopped it ({@code epoch 3: asha: ...}); null when it was not pruned
 */
public record TrialOutcome(String runId, String runName, RunStatus status, double metric, String family, String reason, int epochs,
    String pruned) {
  /** The outcome a trial's MLflow run records (read back on resume and from cluster nodes). */
  static TrialOutcome of(RunInfo run, String metricKey) {
    return new TrialOutcome(run.runId(), run.runName(), run.status(), run.metrics().getOrDefault(RunKeys.best(metricKey), Double.NaN),
        run.tags().get(RunKeys.FAMILY), run.tags().get(RunKeys.ERROR), run.metrics().getOrDefault(RunKeys.EPOCHS_RUN, 0.0).intValue(),
        run.tags().get(RunKeys.PRUNED));
  }

  /** The console's line for a trial that did not finish. */
  public String failureLine() {
    return runName + " " + status + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  /** A FINISHED trial that ran to its end (its value competes for the best). */
  public boolean complete() {
    return status == RunStatus.FINISHED && pruned == null;
  }
}
