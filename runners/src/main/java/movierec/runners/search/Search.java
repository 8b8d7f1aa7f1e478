package movierec.runners.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ask/tell over a {@link SearchSpace}: {@link #ask} proposes the next trial, {@link #report} gives it
 * an epoch's metric and says whether the pruner stops it, {@link #tell} finishes it. Holds the
 * history samplers and pruners learn from; values are turned into losses here, once.
 * Not thread-safe: one caller (the sweep's scheduling thread) drives it.
 */
public final class Search {
  private final SearchSpace space;
  private final Sampler sampler;
  private final Pruner pruner;
  private final boolean maximize;
  private final List<SearchTrial> trials = new ArrayList<>();

  public Search(SearchSpace space, Sampler sampler, Pruner pruner, boolean maximize) {
    this.space = space;
    this.sampler = sampler;
    this.pruner = pruner;
    this.maximize = maximize;
  }

  /** @param sampler null when every trial starts at a given point ({@link #start}), as a grid's do */
  public SearchTrial ask() {
    return start(sampler.sample(space, Collections.unmodifiableList(trials), trials.size()));
  }

  /** Starts a trial at a given point instead of a sampled one (a grid's next point). */
  public SearchTrial start(Assignment assignment) {
    SearchTrial trial = new SearchTrial(trials.size(), assignment);
    trials.add(trial);
    return trial;
  }

  /**
   * Adds a trial that ended before this process started (a resumed sweep): its epochs go through the
   * pruner's bookkeeping in order (its decisions are not acted on), then it ends as it did.
   *
   * @param value the final value of a complete trial; ignored for a pruned one, which keeps its best epoch's
   */
  public SearchTrial restore(Assignment assignment, java.util.NavigableMap<Integer, Double> epochValues, double value, boolean pruned) {
    SearchTrial trial = start(assignment);
    epochValues.forEach((epoch, v) -> report(trial.number(), epoch, v));
    if (pruned && !trial.epochLosses().isEmpty()) tellPruned(trial.number());
    else tell(trial.number(), value);
    return trial;
  }

  /** Records the trial's metric at an epoch (from 1); returns why it should stop now, or null. */
  public String report(int number, int epoch, double value) {
    SearchTrial trial = running(number);
    trial.report(epoch, toLoss(value));
    return pruner.prune(trial, Collections.unmodifiableList(trials));
  }

  public void tell(int number, double value) {
    running(number).finish(TrialState.COMPLETE, toLoss(value));
  }

  /** Ends a trial the pruner stopped; it keeps its best epoch's value. */
  public void tellPruned(int number) {
    SearchTrial trial = running(number);
    trial.finish(TrialState.PRUNED, trial.bestEpochLoss());
  }

  public void tellFailed(int number) {
    running(number).finish(TrialState.FAILED, Double.NaN);
  }

  private SearchTrial running(int number) {
    SearchTrial trial = trials.get(number);
    if (trial.state() != TrialState.RUNNING) throw new IllegalStateException("trial " + number + " is already " + trial.state());
    return trial;
  }

  private double toLoss(double value) {
    return maximize ? -value : value;
  }

  public List<SearchTrial> trials() {
    return Collections.unmodifiableList(trials);
  }

  /** The complete trial with the best value, or null. */
  public SearchTrial best() {
    SearchTrial best = null;
    for (SearchTrial t : trials) {
      if (t.state() == TrialState.COMPLETE && (best == null || t.loss() < best.loss())) best = t;
    }
    return best;
  }
}
