package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;
import movierec.submissions.testing.HandMadeData;
import org.junit.jupiter.api.Test;

/** Blending and normalization on hand-made lists whose blended scores are worked out in the comments. */
class BlendingTest {
  private final Dataset data = HandMadeData.dataset();
  private final CandidateFilters.Exclusions seenOnly = CandidateFilters.SEEN_ONLY.build(data.interactions(), data.side());
  private final int user = data.users().index(1);

  private RankedLists blend(List<RankedLists> sources, double[] weights, ScoreNormalization normalization) {
    return new Blending(weights, normalization).combine(sources, new int[] {user}, seenOnly, 50);
  }

  @Test
  void minmaxBlendWeighsNormalizedScoresAndGivesUnlistedItemsTheFloor() {
    // A: 10, 11, 12 scored 10, 6, 0 -> 1, 0.6, 0. B: 12, 13 scored 4, 2 -> 1, 0. Both floors are 0.
    List<RankedLists> sources = List.of(
        HandMadeData.scored(data, 1, new int[] {10, 11, 12}, new float[] {10, 6, 0}),
        HandMadeData.scored(data, 1, new int[] {12, 13}, new float[] {4, 2}));
    // Equal weights: 10 = 0.5, 12 = 0.5 (tie -> item id), 11 = 0.3, 13 = 0.
    RankedLists equal = blend(sources, new double[] {0.5, 0.5}, ScoreNormalization.MINMAX);
    assertArrayEquals(new int[] {10, 12, 11, 13}, HandMadeData.externalIds(data, equal, 1));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.3f, 0f}, equal.scores()[user], 1e-6f);
    // B weighted 0.7: 12 = 0.7, 10 = 0.3, 11 = 0.18, 13 = 0.
    RankedLists leaning = blend(sources, new double[] {0.3, 0.7}, ScoreNormalization.MINMAX);
    assertArrayEquals(new int[] {12, 10, 11, 13}, HandMadeData.externalIds(data, leaning, 1));
    assertArrayEquals(new float[] {0.7f, 0.3f, 0.18f, 0f}, leaning.scores()[user], 1e-6f);
  }

  @Test
  void zscoreFloorIsTheSourcesLowestNormalizedScore() {
    // A: 10, 11, 12 scored 3, 2, 1 -> z = √1.5, 0, −√1.5 (floor −√1.5). B: 12, 14 scored 5, 1 -> 1, −1 (floor −1).
    List<RankedLists> sources = List.of(
        HandMadeData.scored(data, 1, new int[] {10, 11, 12}, new float[] {3, 2, 1}),
        HandMadeData.scored(data, 1, new int[] {12, 14}, new float[] {5, 1}));
    double z = Math.sqrt(1.5);
    RankedLists blended = blend(sources, new double[] {1, 1}, ScoreNormalization.ZSCORE);
    // 10 = z − 1 (B's floor, not 0); 12 = −z + 1; 11 = 0 − 1; 14 = −z − 1.
    assertArrayEquals(new int[] {10, 12, 11, 14}, HandMadeData.externalIds(data, blended, 1));
    assertArrayEquals(new float[] {(float) (z - 1), (float) (1 - z), -1f, (float) (-z - 1)}, blended.scores()[user], 1e-6f);
  }

  @Test
  void rankNormalizationIgnoresScaleSoAHugeScoreDoesNotDominate() {
    // A's raw scores are 1000× B's; by rank both tops count 1, seconds 1/2.
    List<RankedLists> sources = List.of(
        HandMadeData.scored(data, 1, new int[] {10, 11}, new float[] {5000, 4000}),
        HandMadeData.scored(data, 1, new int[] {12, 10}, new float[] {5, 4}));
    RankedLists blended = blend(sources, new double[] {1, 1}, ScoreNormalization.RANK);
    // 10 = 1 + 0.5; 12 = 0.5 (A's floor) + 1; 11 = 0.5 + 0.5 (B's floor): 10 and 12 tie -> item id.
    assertArrayEquals(new int[] {10, 12, 11}, HandMadeData.externalIds(data, blended, 1));
    assertArrayEquals(new float[] {1.5f, 1.5f, 1f}, blended.scores()[user], 1e-6f);
  }

  @Test
  void seenItemsNeverAppear() {
    List<RankedLists> sources = List.of(
        HandMadeData.scored(data, 1, new int[] {1, 10}, new float[] {9, 1}),
        HandMadeData.scored(data, 1, new int[] {1, 11}, new float[] {9, 1}));
    assertArrayEquals(new int[] {10, 11}, HandMadeData.externalIds(data, blend(sources, new double[] {1, 1}, ScoreNormalization.MINMAX), 1));
  }

  @Test
  void normalizationsOfOneList() {
    assertArrayEquals(new double[] {1, 2 / 3.0, 1 / 3.0}, ScoreNormalization.RANK.apply(new float[] {7, 7, 2}), 1e-12);
    assertArrayEquals(new double[] {1, 0.5, 0}, ScoreNormalization.MINMAX.apply(new float[] {4, 3, 2}), 1e-12);
    assertArrayEquals(new double[] {1, 1}, ScoreNormalization.MINMAX.apply(new float[] {3, 3}), 1e-12);
    assertArrayEquals(new double[] {1, -1}, ScoreNormalization.ZSCORE.apply(new float[] {4, 2}), 1e-12);
    assertArrayEquals(new double[] {0, 0}, ScoreNormalization.ZSCORE.apply(new float[] {2, 2}), 1e-12);
    assertArrayEquals(new double[] {0.75, 0.25}, ScoreNormalization.SOFTMAX.apply(new float[] {(float) Math.log(3), 0}), 1e-6);
    // Softmax subtracts the max first, so large logits do not overflow.
    assertArrayEquals(new double[] {0.5, 0.5}, ScoreNormalization.SOFTMAX.apply(new float[] {1e6f, 1e6f}), 1e-12);
    assertEquals(0, ScoreNormalization.MINMAX.apply(new float[0]).length);
  }
}
