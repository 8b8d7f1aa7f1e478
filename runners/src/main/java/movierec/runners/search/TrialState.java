package movierec.runners.search;

public enum TrialState {
  RUNNING, COMPLETE, PRUNED, FAILED
}
