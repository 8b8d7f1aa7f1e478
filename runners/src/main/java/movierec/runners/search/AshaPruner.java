package movierec.runners.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel Hyperparameter
 * Tuning"), as Optuna's {@code SuccessiveHalvingPruner} does it. Rung k sits at epoch
 * {@code minEpochs * reductionFactor^k}; a trial reaching a rung records its loss there and goes on
 * only if it is in the top 1/reductionFactor of the losses recorded at that rung so far, counting
 * only trials of its own family. While a rung has fewer than reductionFactor entries, only the best
 * one goes on (trials cannot be paused and resumed later, as synchronous halving would).
 */
public record AshaPruner(int minEpochs, int reductionFactor) implements Pruner {
  public AshaPruner {
    if (minEpochs < 1) throw new IllegalArgumentException("min_epochs: must be at least 1");
    if (reductionFactor < 2) throw new IllegalArgumentException("reduction_factor: must be at least 2");
  }

  /** The epoch of rung k. */
  public long rungEpoch(int k) {
    return minEpochs * (long) Math.pow(reductionFactor, k);
  }

  @Override
  public String prune(SearchTrial trial, List<SearchTrial> trials) {
    if (trial.epochLosses().isEmpty()) return null;
    int epoch = trial.epochLosses().lastKey();
    double value = trial.epochLosses().get(epoch);
    int rung = trial.rungLosses().isEmpty() ? 0 : trial.rungLosses().lastKey() + 1;
    while (epoch >= rungEpoch(rung)) {
      if (Double.isNaN(value)) return "asha: no valid value at epoch " + epoch;
      trial.rungLosses().put(rung, value);
      List<Double> competing = new ArrayList<>();
      for (SearchTrial t : trials) {
        Double v = t.family().equals(trial.family()) ? t.rungLosses().get(rung) : null;
        if (v != null) competing.add(v);
      }
      competing.sort(null);
      int promotable = Math.max(0, competing.size() / reductionFactor - 1);
      if (value > competing.get(promotable)) {
        return String.format("asha: rung %d (epoch %d): %.6g not in the top 1/%d of %d %s trials", rung, rungEpoch(rung),
            Math.abs(value), reductionFactor, competing.size(), trial.family());
      }
      rung++;
    }
    return null;
  }

  @Override
  public Map<String, String> describe() {
    return Map.of("pruner", "asha", "min_epochs", Integer.toString(minEpochs), "reduction_factor", Integer.toString(reductionFactor));
  }
}
