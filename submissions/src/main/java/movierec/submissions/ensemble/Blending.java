package movierec.submissions.ensemble;

import java.util.List;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/**
 * Weighted score blending over ranked lists with scores. Per user, each source's scores for its
 * candidates (its whole stored list) are normalized, and an item's blended score is the weighted sum
 * over sources of its normalized score there, or of that source's floor (the lowest normalized score
 * in its list) where the source did not list it. Items are ranked by blended score, then by item index;
 * excluded items never appear. The work is {@link BlendTable}'s, which weight tuning shares.
 */
public final class Blending implements ListCombiner {
  private final double[] weights;
  private final ScoreNormalization normalization;

  /** @param weights one per source, non-negative */
  public Blending(double[] weights, ScoreNormalization normalization) {
    this.weights = ListCombiner.checkedWeights(weights);
    this.normalization = normalization;
  }

  @Override
  public RankedLists combine(List<RankedLists> sources, int[] users, CandidateFilters.Exclusions exclusions, int depth) {
    if (sources.size() != weights.length) throw new IllegalArgumentException(sources.size() + " sources but " + weights.length + " weights");
    return BlendTable.of(sources, normalization, users, exclusions).lists(weights, depth);
  }
}
