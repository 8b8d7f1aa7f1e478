package movierec.models.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.util.Arrays;
import movierec.core.data.Interactions;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Matrix products for scoring: sparse ones in plain Java (row-axpy form, rows split over cores, each
 * output row computed in one fixed order), dense ones through OpenBLAS SGEMM.
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
   * Scores of factor models: {@code out[b, :] = userFactors[users[b], :] · itemFactorsᵀ}, with user factors
   * numUsers × k and item factors numItems × k, both row-major. One OpenBLAS SGEMM per call: a batch of
   * 512 users at k = 50 is 0.36 GFLOP, which SGEMM runs near the machine's peak where a Java axpy loop
   * ran an order of magnitude slower (PureSVD's evaluation at competition scale, issue 14).
   */
  public static void factorScores(float[] userFactors, int[] users, int k, float[] itemFactors, int numItems, float[] out) {
    int b = users.length;
    if (b == 0) return;
    float[] gathered = new float[b * k];
    for (int r = 0; r < b; r++) System.arraycopy(userFactors, users[r] * k, gathered, r * k, k);
    try (FloatPointer a = new FloatPointer(gathered);
        FloatPointer items = new FloatPointer(itemFactors);
        FloatPointer c = new FloatPointer((long) b * numItems)) {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, numItems, k, 1f, a, k, items, k, 0f, c, numItems);
      c.get(out, 0, b * numItems);
    }
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
}
