package movierec.models.rp3beta;

import java.util.Arrays;
import movierec.core.data.Interactions;
import movierec.models.linalg.ItemWeightsModel;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.SparseGram;

/**
 * RP3beta: B. Paudel, F. Christoffel, C. Newell, A. Bernstein, "Updatable, Accurate, Diverse, and
 * Scalable Recommendations for Interactive Applications", ACM TiiS 2017. A three-step random walk
 * item → user → item on the bipartite graph, transition probabilities raised to α, the landing item's
 * probability divided by its popularity^β: W[i][j] = deg(i)^−α · Σ_u x_ui x_uj deg(u)^−α · deg(j)^−β,
 * zero diagonal, each row pruned to its strongest {@code neighbours}. No fitting beyond one weighted
 * co-occurrence count.
 */
public final class Rp3beta extends ItemWeightsModel {
  private static final String FORMAT = "movierec.rp3beta.v1";

  private final Rp3betaParams params;

  public Rp3beta(Rp3betaParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected float[] weights(Interactions history) {
    int n = history.numItems();
    float[] userStep = new float[history.numUsers()];
    for (int u = 0; u < userStep.length; u++) userStep[u] = inversePower(history.end(u) - history.start(u), params.alpha());
    float[] w = SparseGram.of(history, userStep);
    int[] degree = new int[n];
    for (int e = 0; e < history.size(); e++) degree[history.item(e)]++;
    float[] rowStep = new float[n];
    float[] popularityPenalty = new float[n];
    for (int i = 0; i < n; i++) {
      rowStep[i] = inversePower(degree[i], params.alpha());
      popularityPenalty[i] = inversePower(degree[i], params.beta());
    }
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) w[row + j] *= rowStep[i] * popularityPenalty[j];
        w[row + i] = 0f;
        if (params.neighbours() > 0 && params.neighbours() < n) keepStrongest(w, row, n, params.neighbours());
      }
    });
    return w;
  }

  /** Zeroes the entries of row {@code w[row, row + n)} below its k-th largest (ties at it stay). */
  private static void keepStrongest(float[] w, int row, int n, int k) {
    float[] sorted = Arrays.copyOfRange(w, row, row + n);
    Arrays.sort(sorted);
    float threshold = sorted[n - k];
    for (int j = row; j < row + n; j++) if (w[j] < threshold) w[j] = 0f;
  }

  /** degree^−exponent, 0 for a node with no edges (its row and column are empty anyway). */
  private static float inversePower(int degree, double exponent) {
    return degree == 0 ? 0f : (float) Math.pow(degree, -exponent);
  }
}
