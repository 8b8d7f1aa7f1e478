package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Boosted trees learn what no weighting of the features can, the same way every time. */
class BoostedTreesTest {
  private static final int ROWS = 2_000;

  /** Two uniform features and a label that is their XOR at 0.5: no linear score separates it. */
  private static float[] xorValues(boolean[] labels) {
    SplittableRandom rng = new SplittableRandom(7);
    float[] values = new float[ROWS * 2];
    for (int r = 0; r < ROWS; r++) {
      values[2 * r] = (float) rng.nextDouble();
      values[2 * r + 1] = (float) rng.nextDouble();
      labels[r] = (values[2 * r] > 0.5) != (values[2 * r + 1] > 0.5);
    }
    return values;
  }

  @Test
  void learnsAnXorOfTwoFeatures() {
    boolean[] labels = new boolean[ROWS];
    float[] values = xorValues(labels);
    BoostedTrees.Model model = new BoostedTrees(values, 2, labels).fit(50, BoostedTrees.Settings.DEFAULT, (n, t) -> true);
    assertEquals(50, model.trees().length);
    float[][] quadrants = {{0.2f, 0.2f}, {0.8f, 0.8f}, {0.2f, 0.8f}, {0.8f, 0.2f}};
    boolean[] expected = {false, false, true, true};
    for (int q = 0; q < 4; q++) {
      double logOdds = model.predict(quadrants[q], 0, model.trees().length);
      assertEquals(expected[q], logOdds > 0, "quadrant " + q + " log-odds " + logOdds);
      assertTrue(Math.abs(logOdds) > 2, "confident in quadrant " + q + ": " + logOdds);
    }
    assertTrue(model.gain()[0] > 0 && model.gain()[1] > 0, "both features carry split gain");
  }

  @Test
  void theMonitorStopsBoostingAndTheFitIsDeterministic() {
    boolean[] labels = new boolean[ROWS];
    float[] values = xorValues(labels);
    BoostedTrees trees = new BoostedTrees(values, 2, labels);
    BoostedTrees.Model a = trees.fit(100, BoostedTrees.Settings.DEFAULT, (n, t) -> n < 7);
    BoostedTrees.Model b = new BoostedTrees(values, 2, labels).fit(100, BoostedTrees.Settings.DEFAULT, (n, t) -> n < 7);
    assertEquals(7, a.trees().length);
    double[] pa = new double[ROWS];
    double[] pb = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      pa[r] = a.predict(values, 2 * r, 7);
      pb[r] = b.predict(values, 2 * r, 7);
    }
    assertArrayEquals(pa, pb);
  }

  @Test
  void quantileEdgesAreDistinctAndEndAtTheMaximum() {
    float[] sorted = {0, 0, 0, 0, 1, 1, 2, 5};
    assertArrayEquals(new float[] {0, 1, 2, 5}, BoostedTrees.quantileEdges(sorted));
    float[] constant = {3, 3, 3};
    assertArrayEquals(new float[] {3}, BoostedTrees.quantileEdges(constant));
  }
}
