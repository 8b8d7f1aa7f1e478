package movierec.runners.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Optuna's {@code MedianPruner}: stop a trial whose best loss so far is worse than the median of
 * the losses that complete trials had at the same epoch. Trials compare only within their family,
 * since families' learning curves have different shapes.
 *
 * @param warmupTrials complete trials of the family needed before anything is pruned (Optuna's n_startup_trials)
 * @param minEpochs no trial is pruned before this epoch (Optuna's n_warmup_steps, counted from epoch 1)
 */
public record MedianPruner(int warmupTrials, int minEpochs) implements Pruner {
  public MedianPruner {
    if (warmupTrials < 0) throw new IllegalArgumentException("warmup_trials: must not be negative");
    if (minEpochs < 1) throw new IllegalArgumentException("min_epochs: must be at least 1");
  }

  @Override
  public String prune(SearchTrial trial, List<SearchTrial> trials) {
    if (trial.epochLosses().isEmpty()) return null;
    int epoch = trial.epochLosses().lastKey();
    if (epoch < minEpochs) return null;
    List<SearchTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && t.family().equals(trial.family())).toList();
    if (complete.size() < warmupTrials) return null;
    double[] atEpoch = complete.stream().map(t -> t.epochLosses().get(epoch)).filter(v -> v != null && !v.isNaN())
        .mapToDouble(Double::doubleValue).toArray();
    if (atEpoch.length == 0) return null;
    double best = trial.bestEpochLoss();
    double median = median(atEpoch);
    if (Double.isNaN(best)) return "median: no valid value by epoch " + epoch;
    return best > median ? String.format("median: best %.6g by epoch %d worse than the median %.6g of %d complete trials", 
        Math.abs(best), epoch, Math.abs(median), atEpoch.length) : null;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  @Override
  public Map<String, String> describe() {
    return Map.of("pruner", "median", "warmup_trials", Integer.toString(warmupTrials), "min_epochs", Integer.toString(minEpochs));
  }
}
