package movierec.core.train;

import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;

/**
 * How a trial trains and is judged: candidate filters, the metric that picks the best epoch, K for
 * metrics, depth of the kept ranked lists, the seed, an epoch cap and early-stopping patience (0 = off).
 * Trials leave the cap at {@link #NO_CAP}: a family's own {@code epochs} param is its one epoch knob.
 * Benchmarks that compare families at one fixed budget set it.
 */
public record TrainingPlan(CandidateFilters filters, Metric.Keyed metric, int depth, long seed, int maxEpochs, int patience) {
  public static final int DEFAULT_DEPTH = 100;
  public static final int NO_CAP = Integer.MAX_VALUE;

  public TrainingPlan {
    if (depth < metric.k()) throw new IllegalArgumentException("depth " + depth + " is below the metric's K " + metric.k());
    if (maxEpochs < 1) throw new IllegalArgumentException("max_epochs must be >= 1");
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0");
  }

  public TrainingPlan withFilters(CandidateFilters other) {
    return new TrainingPlan(other, metric, depth, seed, maxEpochs, patience);
  }

  public static TrainingPlan defaults(long seed) {
    return new TrainingPlan(CandidateFilters.SEEN_ONLY, Metric.parse(RunDefaults.METRIC), DEFAULT_DEPTH, seed, NO_CAP, 0);
  }
}
