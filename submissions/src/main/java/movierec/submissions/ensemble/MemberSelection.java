package movierec.submissions.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Greedy forward selection of ensemble members: start from the best single candidate, then add the
 * candidate that most improves the ensemble, while one does and fewer than the maximum are in. A strong
 * but redundant candidate adds nothing and stays out; a weaker one that finds other answers gets in.
 */
public final class MemberSelection {
  /**
   * One member's entry.
   *
   * @param candidate its index among the candidates
   * @param value the ensemble's figure once it is in
   * @param gain what it added over the members before it (for the first: its own figure)
   */
  public record Step(int candidate, double value, double gain) {}

  private MemberSelection() {}

  /**
   * @param candidates how many candidates there are
   * @param objective the figure of an ensemble of the given candidate indices (one index: that candidate alone)
   * @return the members in the order they got in, with why
   */
  public static List<Step> greedy(int candidates, int maxMembers, ToDoubleFunction<int[]> objective) {
    if (maxMembers < 1) throw new IllegalArgumentException("max members must be >= 1, got " + maxMembers);
    List<Step> steps = new ArrayList<>();
    List<Integer> members = new ArrayList<>();
    double current = Double.NEGATIVE_INFINITY;
    while (members.size() < Math.min(maxMembers, candidates)) {
      int best = -1;
      double bestValue = current;
      for (int c = 0; c < candidates; c++) {
        if (members.contains(c)) continue;
        int[] trial = new int[members.size() + 1];
        for (int i = 0; i < members.size(); i++) trial[i] = members.get(i);
        trial[members.size()] = c;
        double value = objective.applyAsDouble(trial);
        // Strict gains only, the lowest index on ties: the candidates come best first.
        if (value > bestValue) {
          best = c;
          bestValue = value;
        }
      }
      if (best < 0) break;
      steps.add(new Step(best, bestValue, members.isEmpty() ? bestValue : bestValue - current));
      members.add(best);
      current = bestValue;
    }
    return steps;
  }
}
