package movierec.runners.sweep;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import movierec.runners.search.Assignment;
import movierec.runners.search.Search;
import movierec.runners.search.SearchSpace;
import movierec.runners.search.SearchTrial;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.RunStatus;

/**
 * The sweep's side of ask/tell over {@link Search}: turns proposals into trials, keeps trial identity
 * (a proposal whose {@link TrialSpec#key} ran before is not run again), passes per-epoch values to the
 * pruner, and knows when the trial count or the budget is spent. A grid goes through it too (its list
 * in order), so pruning and the optimization history work the same for every strategy.
 * Thread-safe: running trials report epochs from scheduler threads.
 */
public final class SweepSearch {
  /** A trial to run: its number in the sweep (the run name's {@code -003}) and spec. */
  public record Proposal(int index, TrialSpec spec) {}

  /** A proposal whose key ran before counts as that trial again; this many in a row mean the space is used up. */
  static final int MAX_DUPLICATES_IN_A_ROW = 100;

  private final SweepConfig config;
  private final Search search;
  private final Iterator<Map.Entry<Integer, TrialSpec>> grid;
  private final Map<String, SearchTrial> trialByKey = new HashMap<>();
  private final Map<String, TrialOutcome> outcomeByKey = new HashMap<>();
  /** Each trial's epochs param: what a pruned trial would have run unpruned, at most. */
  private final Map<String, Integer> epochsByKey = new HashMap<>();
  private final long start = System.nanoTime();
  /** Wall time the sweep spent in earlier processes (a resumed sweep's), counted against the wall budget. */
  private Duration spentBefore = Duration.ZERO;
  private int trials;
  private int nextIndex;
  private long epochsRun;
  private long epochsUnpruned;
  private int pruned;
  private int finished;
  private TrialOutcome best;
  private String stopped;

  public SweepSearch(SweepConfig config) {
    this.config = config;
    SearchConfig s = config.search();
    if (s.grid()) {
      SearchSpace.Builder families = SearchSpace.builder();
      config.models().stream().map(ModelSpace::family).distinct().forEach(f -> families.family(f, Map.of()));
      search = new Search(families.build(), null, s.pruner().build(), true);
      Map<Integer, TrialSpec> list = new LinkedHashMap<>();
      List<TrialSpec> expanded = config.expand();
      for (int i = 0; i < expanded.size(); i++) list.put(i, expanded.get(i));
      grid = list.entrySet().iterator();
    } else {
      search = new Search(config.space(), s.sampler(), s.pruner().build(), true);
      grid = null;
    }
  }

  /** The grid trial numbered {@code index} of a grid sweep: resume names runs by it. */
  static Map<String, Integer> gridIndexes(SweepConfig config) {
    Map<String, Integer> byKey = new HashMap<>();
    List<TrialSpec> expanded = config.expand();
    for (int i = 0; i < expanded.size(); i++) byKey.put(expanded.get(i).key(), i);
    return byKey;
  }

  /**
   * A trial of the resumed sweep that finished before this process: the sampler learns from it, the
   * pruner sees its epochs, and it is never proposed again.
   */
  synchronized void restore(int index, TrialSpec spec, TrialOutcome outcome, NavigableMap<Integer, Double> epochValues) {
    SearchTrial t = search.restore(assignment(spec), epochValues, outcome.metric(), outcome.pruned() != null);
    track(spec, t);
    trials++;
    nextIndex = Math.max(nextIndex, index + 1);
    count(spec.key(), outcome);
  }

  /** A resumed sweep already spent this much wall time: the wall budget goes on from there instead of from zero. */
  synchronized void spentBefore(Duration spent) {
    spentBefore = spent;
  }

  /** Wall time spent on the sweep so far, earlier processes' included. */
  public synchronized Duration wallSpent() {
    return spentBefore.plusNanos(System.nanoTime() - start);
  }

  /** An earlier run of the resumed sweep had this number: new trials are numbered after it, so run names stay unique. */
  synchronized void numberAfter(int index) {
    nextIndex = Math.max(nextIndex, index + 1);
  }

  /** The next trial to run, or null when none is left to ask for (the grid's end, the trial count or the budget). */
  public synchronized Proposal next() {
    if (grid != null) {
      while (grid.hasNext()) {
        Map.Entry<Integer, TrialSpec> e = grid.next();
        if (trialByKey.containsKey(e.getValue().key())) continue;
        track(e.getValue(), search.start(assignment(e.getValue())));
        trials++;
        return new Proposal(e.getKey(), e.getValue());
      }
      return null;
    }
    if (stopped != null) return null;
    if (trials >= config.search().trials()) return null;
    Duration elapsed = wallSpent();
    if (config.search().budget().spent(elapsed, epochsRun)) {
      stopped = "budget spent (" + elapsed.toSeconds() + " s, " + epochsRun + " epochs)";
      return null;
    }
    for (int duplicates = 0; duplicates < MAX_DUPLICATES_IN_A_ROW; duplicates++) {
      SearchTrial t = search.ask();
      TrialSpec spec = config.trial(t.family(), t.assignment().params());
      String key = spec.key();
      if (!trialByKey.containsKey(key)) {
        track(spec, t);
        trials++;
        return new Proposal(nextIndex++, spec);
      }
      // The same trial again: it does not run twice; the sampler learns the earlier run's value for this point too.
      TrialOutcome earlier = outcomeByKey.get(key);
      if (earlier != null && earlier.complete()) search.tell(t.number(), earlier.metric());
      else search.tellFailed(t.number());
    }
    stopped = "the sampler proposed only trials that ran already " + MAX_DUPLICATES_IN_A_ROW + " times in a row";
    return null;
  }

  private void track(TrialSpec spec, SearchTrial t) {
    trialByKey.put(spec.key(), t);
    epochsByKey.put(spec.key(), spec.epochs());
  }

  /** A running trial's metric at an epoch; returns why it should stop, or null. */
  public synchronized String report(String key, int epoch, double value) {
    SearchTrial t = trialByKey.get(key);
    if (t == null || t.state() != movierec.runners.search.TrialState.RUNNING) return null;
    String reason = search.report(t.number(), epoch, value);
    // At its last epoch a trial has nothing left to save: pruning it would only discard a complete result
    // (the pruner has still recorded the epoch, for the trials that come after).
    int last = epochsByKey.getOrDefault(key, 0);
    return last > 0 && epoch >= last ? null : reason;
  }

  /** A trial ended; the search learns its value (a pruned one its best epoch's). */
  public synchronized void finished(String key, TrialOutcome outcome) {
    SearchTrial t = trialByKey.get(key);
    if (t != null && t.state() == movierec.runners.search.TrialState.RUNNING) {
      if (outcome.complete() && !Double.isNaN(outcome.metric())) search.tell(t.number(), outcome.metric());
      else if (outcome.pruned() != null && !t.epochLosses().isEmpty()) search.tellPruned(t.number());
      else search.tellFailed(t.number());
    }
    count(key, outcome);
  }

  private void count(String key, TrialOutcome o) {
    outcomeByKey.put(key, o);
    if (o.status() != RunStatus.FINISHED) return;
    finished++;
    epochsRun += o.epochs();
    epochsUnpruned += o.pruned() != null ? epochsByKey.getOrDefault(key, o.epochs()) : o.epochs();
    if (o.pruned() != null) pruned++;
    if (o.complete() && !Double.isNaN(o.metric()) && (best == null || o.metric() > best.metric())) {
      best = o;
    }
  }

  /** Trials proposed so far (resumed ones included): the sweep's trial count. */
  public synchronized int trials() {
    return trials;
  }

  /** The complete trial with the best value, or null. */
  synchronized TrialOutcome best() {
    return best;
  }

  synchronized int finishedCount() {
    return finished;
  }

  /** Why the search stopped before its trial count (budget, a used-up space), or null. */
  synchronized String stopped() {
    return stopped;
  }

  /** Totals for the sweep's closing line: finished, pruned, epochs run and what an unpruned sweep would have run. */
  public synchronized SweepRunner.Totals totals() {
    return new SweepRunner.Totals(best, finished, pruned, epochsRun, epochsUnpruned, stopped);
  }

  /** What the sampler saw of a trial: its family and the values of its searched parameters. */
  private Assignment assignment(TrialSpec spec) {
    ModelSpace model = config.models().stream().filter(m -> m.family().equals(spec.family())).findFirst().orElseThrow();
    Map<String, Object> values = new TreeMap<>();
    if (grid == null) model.searched().keySet().forEach(name -> values.put(name, spec.params().get(name)));
    return new Assignment(spec.family(), values);
  }
}
