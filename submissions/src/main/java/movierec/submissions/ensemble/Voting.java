package movierec.submissions.ensemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/**
 * Weighted hard voting over ranked lists. Each source votes for the items of its top
 * {@code voteDepth} with its weight, times the rank decay; items are ranked by votes, then by the
 * summed weight of the sources voting for them, then by their best rank in any source, then by item
 * index (the external id order). Items below every source's top {@code voteDepth} have no votes and
 * follow in best-rank order: they fill lists that exclusions left short. Excluded items never appear.
 */
public final class Voting implements ListCombiner {
  /** Vote totals are compared on this grid, so that sums such as 0.1 + 0.2 and 0.3 tie as they should. */
  private static final double RESOLUTION = 1e9;

  private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingLong((Candidate c) -> -quantize(c.votes))
      .thenComparingLong(c -> -quantize(c.weight))
      .thenComparingInt(c -> c.bestRank)
      .thenComparingInt(c -> c.item);

  private final double[] weights;
  private final RankDecay decay;
  private final int voteDepth;

  /** @param weights one per source, non-negative */
  public Voting(double[] weights, RankDecay decay, int voteDepth) {
    if (voteDepth < 1) throw new IllegalArgumentException("vote depth must be >= 1");
    this.weights = ListCombiner.checkedWeights(weights);
    this.decay = decay;
    this.voteDepth = voteDepth;
  }

  @Override
  public RankedLists combine(List<RankedLists> sources, int[] users, CandidateFilters.Exclusions exclusions, int depth) {
    return ListCombiner.collect(sources, weights, users, depth, u -> rank(sources, u, exclusions), c -> c.item, c -> c.votes);
  }

  private List<Candidate> rank(List<RankedLists> sources, int user, CandidateFilters.Exclusions exclusions) {
    Map<Integer, Candidate> byItem = new HashMap<>();
    for (int s = 0; s < sources.size(); s++) {
      int[] list = sources.get(s).items()[user];
      for (int r = 0; r < list.length; r++) {
        Candidate c = byItem.computeIfAbsent(list[r], Candidate::new);
        c.bestRank = Math.min(c.bestRank, r + 1);
        if (r < voteDepth) {
          c.votes += weights[s] * decay.at(r + 1);
          c.weight += weights[s];
        }
      }
    }
    List<Candidate> ranked = new ArrayList<>(byItem.size());
    for (Candidate c : byItem.values()) if (!exclusions.excluded(user, c.item)) ranked.add(c);
    ranked.sort(BEST_FIRST);
    return ranked;
  }

  private static long quantize(double value) {
    return Math.round(value * RESOLUTION);
  }

  private static final class Candidate {
    final int item;
    double votes;
    double weight;
    int bestRank = Integer.MAX_VALUE;

    Candidate(int item) {
      this.item = item;
    }
  }
}
