package movierec.submissions.ensemble;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/** Combines the sources' ranked lists into one ranked list per user: voting or score blending. */
public interface ListCombiner {
  /**
   * @param sources one ranked list per source, on the same dataset indices
   * @param users the users to rank for; others get empty lists
   * @param depth how many items to keep per user
   */
  RankedLists combine(List<RankedLists> sources, int[] users, CandidateFilters.Exclusions exclusions, int depth);

  /** The weights, copied, after checking each is finite and non-negative. */
  static double[] checkedWeights(double[] weights) {
    for (double w : weights) if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
    return weights.clone();
  }

  /**
   * The combined lists of {@code users}, each its ranking (best first) cut to {@code depth}; one weight per source.
   *
   * @param rankUser a user's candidates, best first, excluded items left out
   */
  static <C> RankedLists collect(List<RankedLists> sources, double[] weights, int[] users, int depth, IntFunction<List<C>> rankUser,
      ToIntFunction<C> item, ToDoubleFunction<C> score) {
    if (sources.size() != weights.length) throw new IllegalArgumentException(sources.size() + " sources but " + weights.length + " weights");
    int numUsers = sources.get(0).numUsers();
    int[][] items = new int[numUsers][0];
    float[][] scores = new float[numUsers][0];
    for (int u : users) {
      List<C> ranked = rankUser.apply(u);
      int n = Math.min(depth, ranked.size());
      items[u] = new int[n];
      scores[u] = new float[n];
      for (int r = 0; r < n; r++) {
        items[u][r] = item.applyAsInt(ranked.get(r));
        scores[u][r] = (float) score.applyAsDouble(ranked.get(r));
      }
    }
    return new RankedLists(depth, items, scores);
  }
}
