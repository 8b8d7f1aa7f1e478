package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluator;
import movierec.core.eval.Metric;
import movierec.core.eval.RankedLists;
import movierec.submissions.testing.HandMadeData;
import org.junit.jupiter.api.Test;

/**
 * A constructed case: A is the strongest source, A2 as strong but a near copy of it (it finds the same
 * answers), C weaker but right where A is wrong. Greedy selection takes A, then C, and leaves A2 out.
 */
class MemberSelectionTest {
  private final Dataset data = HandMadeData.dataset();
  private final CandidateFilters.Exclusions seenOnly = CandidateFilters.SEEN_ONLY.build(data.interactions(), data.side());

  @Test
  void aWeakerDifferentSourceGetsInAndAStrongerRedundantOneDoesNot() {
    int[] users = {data.users().index(1), data.users().index(2), data.users().index(4)};
    int[][] truth = new int[data.numUsers()][0];
    // One answer each: user 1's is 10 and user 2's 11 (A and A2 rank them first), user 4's is 12 (only C has it).
    truth[users[0]] = sortedIndices(10);
    truth[users[1]] = sortedIndices(11);
    truth[users[2]] = sortedIndices(12);
    Evaluator evaluator = new Evaluator(truth, seenOnly, data.numItems(), 2, 10);
    List<RankedLists> sources = List.of(
        HandMadeData.lists(data, Map.of(1, new int[] {10, 20}, 2, new int[] {11, 21}, 4, new int[] {22, 23})),
        HandMadeData.lists(data, Map.of(1, new int[] {10, 24}, 2, new int[] {11, 25}, 4, new int[] {26, 27})),
        HandMadeData.lists(data, Map.of(1, new int[] {28, 29}, 2, new int[] {13, 14}, 4, new int[] {12, 15})));
    double[] alone = sources.stream().mapToDouble(s -> evaluator.score(s).get(Metric.RECALL)).toArray();
    assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 1 / 3.0}, alone, 1e-12, "A2 is as strong as A, C weaker");

    List<MemberSelection.Step> steps = MemberSelection.greedy(3, 3, members -> {
      List<RankedLists> chosen = Arrays.stream(members).mapToObj(sources::get).toList();
      // Auto weights (proportional to each source's recall), rank-normalized blending: a top item counts 1, a second 1/2.
      double[] weights = WeightTuner.normalize(Arrays.stream(members).mapToDouble(m -> alone[m]).toArray());
      return evaluator.score(new Blending(weights, ScoreNormalization.RANK).combine(chosen, users, seenOnly, 10)).get(Metric.RECALL);
    });
    // A first (ties A2, lower index). A + A2 stays at 2/3. A + C at weights 2/3, 1/3: user 4 ranks 22 (0.83), then
    // C's 12 (2/3·0.5 + 1/3 = 0.67) over A's 23 (0.5): all three answers in, recall 1. Adding A2 to them (0.4, 0.2,
    // 0.4) puts 22 and 26 (0.7) above 12 (0.6): recall back to 2/3, so A2 stays out.
    assertEquals(List.of(0, 2), steps.stream().map(MemberSelection.Step::candidate).toList(), "A, then C; A2 adds nothing");
    assertEquals(2 / 3.0, steps.get(0).gain(), 1e-12);
    assertEquals(1.0, steps.get(1).value(), 1e-12);
    assertEquals(1 / 3.0, steps.get(1).gain(), 1e-12);
  }

  @Test
  void stopsAtTheMaximum() {
    List<MemberSelection.Step> steps = MemberSelection.greedy(5, 2, members -> members.length);
    assertEquals(List.of(0, 1), steps.stream().map(MemberSelection.Step::candidate).toList());
  }

  private int[] sortedIndices(int... ids) {
    return Arrays.stream(ids).map(i -> data.items().index(i)).sorted().toArray();
  }
}
