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
   * Columns of the dense matrix per task of {@link #sumRows}: 128 floats × 6,807 rows is a 3.5 MB slice,
   * which stays in cache while every user of the batch reads it.
   */
  static final int COLUMN_BLOCK = Integer.getInteger("movierec.columnBlock", 128);

  /**
   * Sparse binary rows times a dense matrix: {@code out[b, :] = Σ_{i ∈ x.row(users[b])} dense[i, :]} with
   * {@code dense} row-major with {@code cols} columns. A row has ~2 % of the items, so this is ~50 times
   * fewer operations than densifying the batch and calling SGEMM. Tasks are (group of users, block of
   * columns): a row-at-a-time sweep would stream the whole dense matrix from memory for every user (185 MB
   * for EASE at the competition's scale), a column block is read from cache by the whole batch.
   */
  public static void sumRows(Interactions x, int[] users, float[] dense, int cols, float[] out) {
    int blocks = (cols + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    // Narrow matrices (factor sums) have one block: then users are split over the cores instead.
    int groups = Math.max(1, Math.min(users.length / 8, 4 * Parallel.threads() / blocks));
    Parallel.forRange(groups * blocks, 1, (from, to) -> {
      for (int t = from; t < to; t++) {
        int group = t / blocks;
        int c0 = (t % blocks) * COLUMN_BLOCK;
        int c1 = Math.min(cols, c0 + COLUMN_BLOCK);
        int bTo = (int) ((long) users.length * (group + 1) / groups);
        for (int b = (int) ((long) users.length * group / groups); b < bTo; b++) {
          int o = b * cols;
          Arrays.fill(out, o + c0, o + c1, 0f);
          for (int e = x.start(users[b]); e < x.end(users[b]); e++) {
            int src = x.item(e) * cols;
            for (int j = c0; j < c1; j++) out[o + j] += dense[src + j];
          }
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
