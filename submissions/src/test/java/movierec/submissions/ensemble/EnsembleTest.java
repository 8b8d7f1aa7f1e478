package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.eval.RankedLists;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.submissions.testing.HandMadeData;
import org.junit.jupiter.api.Test;

/** Weights on a hand-made validation split: auto follows the sources' metrics, tuning finds better weights. */
class EnsembleTest {
  private final Dataset data = HandMadeData.dataset();
  /** User 1's answers: 13 (only in A's top 10), 28 and 29 (only in C's). */
  private final Split split = new Split(SplitProtocol.holdout(1), data.interactions(), truth(1, 13, 28, 29), "split-1");
  private final Metric.Keyed recall = Metric.parse("recall_at_10");

  private final List<Ensemble.Source> sources = List.of(
      source("a", 0.2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
      source("b", 0.5, 11, 10, 20, 21, 22, 23, 24, 25, 26, 27),
      source("c", 0.3, 12, 11, 1, 28, 29, 30, 3, 4, 5, 6));

  @Test
  void hardVotingIsScoredOnTheSplit() {
    Ensemble.Result r = Ensemble.build(sources, spec(VotingMethod.HARD, WeightMode.GIVEN), data, split, CandidateFilters.SEEN_ONLY);
    // Hard voting's top 10 (see VotingTest) holds 13, 28 and 29.
    assertEquals(1.0, r.chosen().metric(spec(VotingMethod.HARD, WeightMode.GIVEN)), 1e-12);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, r.chosen().weights(), 1e-12);
    assertEquals(List.of(1.0 / 3, 0.0, 2.0 / 3), r.sources().stream().map(e -> e.get(Metric.RECALL)).toList());
  }

  @Test
  void tunedWeightsBeatAutoWeightsOnValidationAndBothAreReported() {
    EnsembleSpec tuned = spec(VotingMethod.WEIGHTED, WeightMode.TUNED);
    Ensemble.Result r = Ensemble.build(sources, tuned, data, split, CandidateFilters.SEEN_ONLY);
    Ensemble.Weighting auto = r.auto().orElseThrow();
    // Auto weights (0.2, 0.5, 0.3) put b's list first: none of the answers in the top 10.
    assertArrayEquals(new double[] {0.2, 0.5, 0.3}, auto.weights(), 1e-12);
    assertEquals(0.0, auto.metric(tuned), 1e-12);
    assertEquals(1.0, r.chosen().metric(tuned), 1e-12);
    assertEquals(1.0, java.util.Arrays.stream(r.chosen().weights()).sum(), 1e-9);
  }

  @Test
  void blendingIsScoredOnTheSplitAndTunedLikeVoting() {
    EnsembleSpec auto = spec(VotingMethod.BLEND, WeightMode.AUTO);
    // Minmax over scores 10..1: b's whole list outscores the others' answers at weight 0.5 -> 11, 10, 12, 20, ...
    Ensemble.Result r = Ensemble.build(sources, auto, data, split, CandidateFilters.SEEN_ONLY);
    assertEquals(11, HandMadeData.externalIds(data, r.finalLists(), 1)[0]);
    EnsembleSpec tuned = spec(VotingMethod.BLEND, WeightMode.TUNED);
    Ensemble.Result t = Ensemble.build(sources, tuned, data, split, CandidateFilters.SEEN_ONLY);
    assertTrue(t.chosen().metric(tuned) > t.auto().orElseThrow().metric(tuned), "tuning the blend gains over auto weights");
  }

  @Test
  void finalListsNeverHoldSeenItems() {
    Ensemble.Result r = Ensemble.build(sources, spec(VotingMethod.WEIGHTED, WeightMode.AUTO), data, split, CandidateFilters.SEEN_ONLY);
    assertTrue(r.auto().isEmpty(), "auto is only reported beside tuned weights");
    int[] user1 = HandMadeData.externalIds(data, r.finalLists(), 1);
    assertTrue(java.util.Arrays.stream(user1).noneMatch(i -> i == 1));
    assertEquals(11, user1[0]);
  }

  @Test
  void hardVotingTakesNoWeightMode() {
    assertThrows(IllegalArgumentException.class, () -> spec(VotingMethod.HARD, WeightMode.AUTO));
  }

  private EnsembleSpec spec(VotingMethod method, WeightMode weights) {
    return new EnsembleSpec(method, weights, RankDecay.NONE, ScoreNormalization.MINMAX, recall, 50, 7);
  }

  private Ensemble.Source source(String family, double metric, int... top) {
    RankedLists lists = HandMadeData.lists(data, Map.of(1, top));
    return new Ensemble.Source("run-" + family, family, metric, 1.0, lists, lists);
  }

  private int[][] truth(int user, int... items) {
    int[][] truth = new int[data.numUsers()][0];
    truth[data.users().index(user)] = java.util.Arrays.stream(items).map(i -> data.items().index(i)).sorted().toArray();
    return truth;
  }
}
