package movierec.runners.sweep;

import movierec.tracking.RunStatus;

/** How one trial of a sweep ended: its child run, status, and its metric (NaN unless FINISHED). */
public record TrialOutcome(String runId, RunStatus status, double metric, String family) {}
