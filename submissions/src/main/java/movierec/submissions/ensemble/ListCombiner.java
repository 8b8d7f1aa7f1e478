package movierec.submissions.ensemble;

import java.util.List;
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
}
