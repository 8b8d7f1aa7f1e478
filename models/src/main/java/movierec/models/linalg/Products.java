package movierec.models.linalg;

import java.util.Arrays;
import movierec.core.data.Interactions;

/**
 * Matrix products for scoring, in plain Java with inner loops the JIT vectorizes (row-axpy form).
 * Rows are split over cores; each output row is computed in one fixed order, so results are
 * deterministic.
 */
public final class Products {
  private Products() {}

  /**
   * Sparse binary rows times a dense matrix: {@code out[b, :] = Σ_{i ∈ x.row(users[b])} dense[i, :]} with
   * {@code dense} row-major with {@code cols} columns. For EASE at the competition's scale this is
   * several times faster than densifying the batch and calling SGEMM, because a row has ~2 % of the
   * items.
   */
  public static void sumRows(Interactions x, int[] users, float[] dense, int cols, float[] out) {
    Parallel.forRange(users.length, 8, (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * cols;
        Arrays.fill(out, o, o + cols, 0f);
        for (int e = x.start(users[b]); e < x.end(users[b]); e++) {
          int src = x.item(e) * cols;
          for (int j = 0; j < cols; j++) out[o + j] += dense[src + j];
        }
      }
    });
  }

  /**
   * Scores of factor models: {@code out[b, :] = userFactors[users[b], :] · itemFactorsT}, with user factors
   * numUsers × k and the item factors transposed (k × numItems) so that the inner loop is an axpy.
   */
  public static void factorScores(float[] userFactors, int[] users, int k, float[] itemFactorsT, int numItems, float[] out) {
    Parallel.forRange(users.length, 8, (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * numItems;
        int src = users[b] * k;
        Arrays.fill(out, o, o + numItems, 0f);
        for (int f = 0; f < k; f++) {
          float w = userFactors[src + f];
          int row = f * numItems;
          for (int j = 0; j < numItems; j++) out[o + j] += w * itemFactorsT[row + j];
        }
      }
    });
  }

  /** {@code aᵀa} of a row-major rows × cols matrix (cols × cols), e.g. YᵀY of a factor matrix. */
  public static float[] gram(float[] a, int rows, int cols) {
    double[] acc = new double[cols * cols];
    for (int r = 0; r < rows; r++) {
      int o = r * cols;
      for (int i = 0; i < cols; i++) {
        double ai = a[o + i];
        for (int j = i; j < cols; j++) acc[i * cols + j] += ai * a[o + j];
      }
    }
    float[] g = new float[cols * cols];
    for (int i = 0; i < cols; i++) {
      for (int j = i; j < cols; j++) g[i * cols + j] = g[j * cols + i] = (float) acc[i * cols + j];
    }
    return g;
  }

  /** The transpose of a row-major rows × cols matrix. */
  public static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
    return t;
  }
}
