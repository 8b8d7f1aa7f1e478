package movierec.runners.search;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One trial as the samplers and pruners see it. Values are losses (smaller is better): {@link Search}
 * negates them for a maximized metric, so samplers and pruners have one direction to think about.
 */
public final class SearchTrial {
  private final int number;
  private final Assignment assignment;
  private TrialState state = TrialState.RUNNING;
  private double loss = Double.NaN;
  private final TreeMap<Integer, Double> epochLosses = new TreeMap<>();
  /** ASHA's record: the loss this trial had when it reached rung k (indexed by k). */
  private final TreeMap<Integer, Double> rungLosses = new TreeMap<>();

  SearchTrial(int number, Assignment assignment) {
    this.number = number;
    this.assignment = assignment;
  }

  public int number() {
    return number;
  }

  public Assignment assignment() {
    return assignment;
  }

  public String family() {
    return assignment.family();
  }

  public TrialState state() {
    return state;
  }

  /** The final loss of a complete trial, the best epoch's of a pruned one; NaN otherwise. */
  public double loss() {
    return loss;
  }

  public NavigableMap<Integer, Double> epochLosses() {
    return Collections.unmodifiableNavigableMap(epochLosses);
  }

  /** The smallest loss reported so far, NaN before the first epoch. */
  public double bestEpochLoss() {
    return epochLosses.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  NavigableMap<Integer, Double> rungLosses() {
    return rungLosses;
  }

  void report(int epoch, double value) {
    epochLosses.put(epoch, value);
  }

  void finish(TrialState state, double loss) {
    this.state = state;
    this.loss = loss;
  }
}
