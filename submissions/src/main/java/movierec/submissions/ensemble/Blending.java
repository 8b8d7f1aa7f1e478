package movierec.submissions.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/**
 * Weighted score blending over ranked lists with scores. Per user, each source's scores for its
 * candidates (its whole stored list) are normalized, and an item's blended score is the weighted sum
 * over sources of its normalized score there, or of that source's floor (the lowest normalized score
 * in its list) where the source did not list it. Items are ranked by blended score, then by item index;
 * excluded items never appear.
 */
public final class Blending implements ListCombiner {
  private static final Comparator<double[]> BEST_FIRST = Comparator.comparingDouble((double[] c) -> -c[1]).thenComparingDouble(c -> c[0]);

  private final double[] weights;
  private final ScoreNormalization normalization;

  /** @param weights one per source, non-negative */
  public Blending(double[] weights, ScoreNormalization normalization) {
    this.weights = ListCombiner.checkedWeights(weights);
    this.normalization = normalization;
  }

  @Override
  public RankedLists combine(List<RankedLists> sources, int[] users, CandidateFilters.Exclusions exclusions, int depth) {
    return ListCombiner.collect(sources, weights, users, depth, u -> rank(sources, u, exclusions), c -> (int) c[0], c -> c[1]);
  }

  /** {item, blended score} pairs, best first. */
  private List<double[]> rank(List<RankedLists> sources, int user, CandidateFilters.Exclusions exclusions) {
    int k = sources.size();
    Map<Integer, double[]> normalized = new HashMap<>();
    double[] floor = new double[k];
    for (int s = 0; s < k; s++) {
      int[] list = sources.get(s).items()[user];
      double[] norm = normalization.apply(sources.get(s).scores()[user]);
      floor[s] = Double.POSITIVE_INFINITY;
      for (int r = 0; r < list.length; r++) {
        normalized.computeIfAbsent(list[r], i -> unlisted(k))[s] = norm[r];
        floor[s] = Math.min(floor[s], norm[r]);
      }
      if (list.length == 0) floor[s] = 0;
    }
    List<double[]> ranked = new ArrayList<>(normalized.size());
    for (Map.Entry<Integer, double[]> e : normalized.entrySet()) {
      int item = e.getKey();
      if (exclusions.excluded(user, item)) continue;
      double blended = 0;
      double[] norm = e.getValue();
      for (int s = 0; s < k; s++) blended += weights[s] * (Double.isNaN(norm[s]) ? floor[s] : norm[s]);
      ranked.add(new double[] {item, blended});
    }
    ranked.sort(BEST_FIRST);
    return ranked;
  }

  /** One item's normalized score per source, NaN where the source did not list it. */
  private static double[] unlisted(int sources) {
    double[] a = new double[sources];
    Arrays.fill(a, Double.NaN);
    return a;
  }
}
