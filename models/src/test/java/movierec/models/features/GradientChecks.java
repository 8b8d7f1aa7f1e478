package movierec.models.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;

/** Numerical checks of the hand-written pair gradients of the feature-based families. */
public final class GradientChecks {
  private GradientChecks() {}

  /**
   * 3 users × 4 items with every field present: items share genres, a director and a writer, and item 3
   * has no year, so multi-valued, shared and missing fields are all exercised.
   */
  public static Dataset tinySide() {
    RawData raw = new RawData();
    int[][] pairs = {{1, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 1}, {3, 4}};
    for (int p = 0; p < pairs.length; p++) raw.add(pairs[p][0], pairs[p][1], 1000L + p);
    raw.year(1, 1995);
    raw.year(2, 2003);
    raw.year(3, 1999);
    String[][] genres = {{"Drama", "Comedy"}, {"Comedy"}, {"Drama", "Crime", "Thriller"}, {"Crime"}};
    for (int i = 0; i < 4; i++) for (String g : genres[i]) raw.attribute("genre", i + 1, g);
    raw.attribute("director", 1, "A");
    raw.attribute("director", 3, "A");
    raw.attribute("director", 4, "B");
    raw.attribute("writer", 2, "W");
    raw.attribute("writer", 3, "W");
    raw.attribute("writer", 3, "V");
    return raw.build("tiny-side");
  }

  /**
   * Sets every entry of {@code tables} (the model's live parameter arrays) to values of order 1, so the
   * score is far from flat, then checks the gradient of one step on {@code batch} with {@code coef}, lr 1
   * and no regularization against central differences of Σ_r coef_r s_r. The model must be fresh:
   * AdaGrad's first step from a sum of squares of 1 moves θ by Δ = −g/√(1 + g²), so g = −Δ/√(1 − Δ²).
   */
  public static void assertGradientMatches(BatchScorer model, PairBatch batch, float[] coef, long seed, float[]... tables) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (float[] params : tables) for (int p = 0; p < params.length; p++) params[p] = (float) (rng.nextDouble() - 0.5);
    float[][] before = new float[tables.length][];
    for (int t = 0; t < tables.length; t++) before[t] = tables[t].clone();
    float[] scores = new float[batch.size()];
    model.forward(batch, scores);
    model.step(batch, coef, 1f, 0f);
    int nonZero = 0;
    float eps = 1e-2f;
    for (int t = 0; t < tables.length; t++) {
      float[] params = tables[t];
      float[] analytic = new float[params.length];
      for (int p = 0; p < params.length; p++) {
        double delta = params[p] - before[t][p];
        analytic[p] = (float) (-delta / Math.sqrt(1 - delta * delta));
      }
      System.arraycopy(before[t], 0, params, 0, params.length);
      for (int p = 0; p < params.length; p++) {
        params[p] = before[t][p] + eps;
        double up = weighted(model, batch, coef, scores);
        params[p] = before[t][p] - eps;
        double down = weighted(model, batch, coef, scores);
        params[p] = before[t][p];
        double numeric = (up - down) / (2 * eps);
        assertEquals(numeric, analytic[p], 1e-3 + 0.02 * Math.abs(numeric), "table " + t + " parameter " + p);
        if (Math.abs(numeric) > 1e-3) nonZero++;
      }
    }
    assertTrue(nonZero > 10, "only " + nonZero + " parameters affect the score");
  }

  /** Σ_r coef_r s_r at the current parameters. */
  private static double weighted(BatchScorer model, PairBatch batch, float[] coef, float[] scratch) {
    model.forward(batch, scratch);
    double s = 0;
    for (int r = 0; r < batch.size(); r++) s += coef[r] * scratch[r];
    return s;
  }
}
