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

  /** {@code out = a · b} with a rows × inner, b inner × cols, all row-major. */
  public static void multiply(float[] a, int rows, int inner, float[] b, int cols, float[] out) {
    Parallel.forRange(rows, 8, (from, to) -> {
      for (int r = from; r < to; r++) {
        int o = r * cols;
        Arrays.fill(out, o, o + cols, 0f);
        for (int f = 0; f < inner; f++) {
          float w = a[r * inner + f];
          int src = f * cols;
          for (int j = 0; j < cols; j++) out[o + j] += w * b[src + j];
        }
      }
    });
  }

  /** The transpose of a row-major rows × cols matrix. */
  public static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
    return t;
  }
}
