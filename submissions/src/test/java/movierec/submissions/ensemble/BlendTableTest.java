package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluation;
import movierec.core.eval.Evaluator;
import movierec.core.eval.RankedLists;
import org.junit.jupiter.api.Test;

/** The weight search's shortcut must judge every weighting exactly as the evaluator judges the blended lists. */
class BlendTableTest {
  private static final int USERS = 300;
  private static final int ITEMS = 60;

  @Test
  void evaluationEqualsTheEvaluatorOnTheBlendedLists() {
    SplittableRandom rng = new SplittableRandom(7);
    Interactions seen = randomInteractions(rng);
    CandidateFilters.Exclusions exclusions = CandidateFilters.SEEN_ONLY.build(seen, ItemSide.none(ITEMS));
    // Scores on a coarse grid, so that ties occur within and across sources.
    List<RankedLists> sources = IntStream.range(0, 3).mapToObj(s -> randomLists(rng, 15 + 5 * s)).toList();
    int[][] truth = new int[USERS][];
    for (int u = 0; u < USERS; u++) truth[u] = u % 7 == 0 ? new int[0] : rng.ints(6, 0, ITEMS).distinct().sorted().toArray();
    int[] users = IntStream.range(0, USERS).toArray();
    int[] half = IntStream.range(0, USERS).filter(u -> u % 2 == 1).toArray();
    for (ScoreNormalization normalization : ScoreNormalization.values()) {
      BlendTable table = BlendTable.of(sources, normalization, users, exclusions);
      for (double[] w : List.of(new double[] {1, 1, 1}, new double[] {0.6, 0.1, 0.3}, new double[] {0, 0, 1}, new double[] {0.2, 0.5, 0.3})) {
        for (int[] subset : List.of(users, half)) {
          int[][] masked = new int[USERS][0];
          for (int u : subset) masked[u] = truth[u];
          Evaluation expected = new Evaluator(masked, exclusions, ITEMS, 10, 50).score(new Blending(w, normalization).combine(sources, subset, exclusions, 50));
          Evaluation fast = table.evaluate(w, subset, truth, 10);
          String what = normalization + " " + Arrays.toString(w) + " on " + subset.length + " users";
          assertEquals(expected.recall(), fast.recall(), 1e-12, what);
          assertEquals(expected.ndcg(), fast.ndcg(), 1e-12, what);
          assertEquals(expected.hitRate(), fast.hitRate(), 1e-12, what);
          assertEquals(expected.coverage(), fast.coverage(), 1e-12, what);
          assertEquals(expected.usersEvaluated(), fast.usersEvaluated(), what);
        }
      }
    }
  }

  private static Interactions randomInteractions(SplittableRandom rng) {
    int[][] rows = new int[USERS][];
    for (int u = 0; u < USERS; u++) rows[u] = rng.ints(8, 0, ITEMS).distinct().toArray();
    int total = Arrays.stream(rows).mapToInt(r -> r.length).sum();
    int[] us = new int[total];
    int[] is = new int[total];
    int e = 0;
    for (int u = 0; u < USERS; u++) {
      for (int i : rows[u]) {
        us[e] = u;
        is[e++] = i;
      }
    }
    return Interactions.fromTriples(USERS, ITEMS, us, is, new long[total]);
  }

  private static RankedLists randomLists(SplittableRandom rng, int length) {
    int[][] items = new int[USERS][];
    float[][] scores = new float[USERS][];
    for (int u = 0; u < USERS; u++) {
      items[u] = rng.ints(length, 0, ITEMS).distinct().toArray();
      scores[u] = new float[items[u].length];
      for (int r = 0; r < items[u].length; r++) scores[u][r] = (items[u].length - r) / 2 * 0.5f;
    }
    return new RankedLists(50, items, scores);
  }
}
