package movierec.models.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;

/**
 * Top right singular vectors of the binary user-item matrix X by randomized range finding with power
 * iterations: N. Halko, P.-G. Martinsson, J. A. Tropp, "Finding Structure with Randomness", SIAM Review
 * 2011 (algorithms 4.4 and 5.1). Costs O(nnz · (k + oversampling) · power iterations) on the sparse X,
 * with dense work only on tall (users or items) × (k + oversampling) blocks, instead of the items² Gram
 * and its eigendecomposition.
 */
public final class RandomizedSvd {
  /** Extra sampled directions beyond k (the paper's p; 10 is its usual choice). */
  static final int OVERSAMPLING = 10;
  /**
   * Power iterations sharpen a slowly decaying spectrum, as interaction data has; 7 is scikit-learn's
   * {@code randomized_svd} choice for k below a tenth of the matrix's side.
   */
  static final int POWER_ITERATIONS = 7;

  private RandomizedSvd() {}

  /**
   * @return numItems × k row-major: column c approximates the right singular vector of the c-th largest
   *     singular value of X; deterministic for a given {@code seed}
   */
  public static float[] rightSingularVectors(Interactions x, int k, long seed) {
    int m = x.numUsers();
    int n = x.numItems();
    if (k < 1 || k > Math.min(m, n)) throw new IllegalArgumentException("need 1 <= k <= min(users, items), got k=" + k);
    int l = Math.min(k + OVERSAMPLING, Math.min(m, n));
    ItemUsers xt = ItemUsers.of(x);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] z = new double[n * l];
    for (int i = 0; i < z.length; i++) z[i] = rng.nextGaussian();
    double[] q = new double[m * l];
    userRows(x, z, l, q);
    Lapack.orthonormalizeColumns(q, m, l);
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      // Orthonormalizing both sides keeps the small singular directions from drowning in rounding.
      itemRows(xt, q, l, z);
      Lapack.orthonormalizeColumns(z, n, l);
      userRows(x, z, l, q);
      Lapack.orthonormalizeColumns(q, m, l);
    }
    // Xᵀ Q is Bᵀ for B = Qᵀ X, whose right singular vectors are X's: the left singular vectors of Bᵀ are
    // Bᵀ W for W the eigenvectors of B Bᵀ (l × l), normalized. (OpenBLAS 0.3.19's dgesdd returned
    // non-orthogonal vectors here.) The QR normalizes and keeps the columns' order.
    itemRows(xt, q, l, z);
    float[] w = Lapack.topEigenvectors(Products.gram(toFloat(z), n, l), l, k);
    double[] v = new double[n * k];
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        for (int c = 0; c < l; c++) {
          double zic = z[i * l + c];
          for (int j = 0; j < k; j++) v[i * k + j] += zic * w[c * k + j];
        }
      }
    });
    Lapack.orthonormalizeColumns(v, n, k);
    return toFloat(v);
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
    return f;
  }

  /** {@code out = X · dense}, dense numItems × cols: each user's row is the sum of their items' rows. */
  private static void userRows(Interactions x, double[] dense, int cols, double[] out) {
    Parallel.forRange(x.numUsers(), 64, (from, to) -> {
      for (int u = from; u < to; u++) {
        int o = u * cols;
        Arrays.fill(out, o, o + cols, 0);
        for (int e = x.start(u); e < x.end(u); e++) {
          int src = x.item(e) * cols;
          for (int c = 0; c < cols; c++) out[o + c] += dense[src + c];
        }
      }
    });
  }

  /** {@code out = Xᵀ · dense}, dense numUsers × cols: each item's row is the sum of its users' rows. */
  private static void itemRows(ItemUsers xt, double[] dense, int cols, double[] out) {
    int n = xt.offsets().length - 1;
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        int o = i * cols;
        Arrays.fill(out, o, o + cols, 0);
        for (int e = xt.start(i); e < xt.end(i); e++) {
          int src = xt.user(e) * cols;
          for (int c = 0; c < cols; c++) out[o + c] += dense[src + c];
        }
      }
    });
  }
}
