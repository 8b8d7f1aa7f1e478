package movierec.models.linalg;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgeqrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dorgqr;
import static org.bytedeco.openblas.global.openblas.LAPACKE_spotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_spotri;
import static org.bytedeco.openblas.global.openblas.LAPACKE_ssyevr;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Dense factorizations through OpenBLAS's LAPACKE, on Java arrays copied off-heap. ND4J's own
 * inverse and solve are naive and single-threaded and its Cholesky rejects valid matrices (facts.md), so
 * these call OpenBLAS directly. A symmetric row-major matrix is its own column-major transpose, so it
 * passes as column-major unchanged.
 */
public final class Lapack {
  private static final byte LOWER = 'L';

  private Lapack() {}

  /**
   * Inverts a symmetric positive definite row-major n × n matrix in place by Cholesky ({@code spotrf} then
   * {@code spotri}): 3 s for n = 6,807 on 2 cores, against 14 s for numpy's LU inverse.
   *
   * @throws ArithmeticException if the matrix is not positive definite
   */
  public static void invertSpd(float[] a, int n) {
    try (FloatPointer p = new FloatPointer(a)) {
      int info = LAPACKE_spotrf(LAPACK_COL_MAJOR, LOWER, n, p, n);
      if (info > 0) throw new ArithmeticException("matrix is not positive definite (leading minor " + info + ")");
      check(info, "spotrf");
      check(LAPACKE_spotri(LAPACK_COL_MAJOR, LOWER, n, p, n), "spotri");
      p.get(a);
    }
    // spotri wrote the column-major lower triangle, which is the row-major upper one.
    SparseGram.mirrorUpper(a, n);
  }

  /**
   * The eigenvectors of the {@code k} largest eigenvalues of a symmetric row-major n × n matrix
   * ({@code ssyevr}, which computes only the requested ones), largest first.
   *
   * @return n × k row-major: column c is the eigenvector of the c-th largest eigenvalue
   */
  public static float[] topEigenvectors(float[] a, int n, int k) {
    if (k < 1 || k > n) throw new IllegalArgumentException("need 1 <= k <= n, got k=" + k + ", n=" + n);
    float[] vectors = new float[n * k];
    try (FloatPointer p = new FloatPointer(a);
        IntPointer found = new IntPointer(1);
        FloatPointer values = new FloatPointer(n);
        FloatPointer z = new FloatPointer((long) n * k);
        IntPointer support = new IntPointer(2L * k)) {
      // Indices are 1-based and ascending: the k largest are n-k+1 .. n.
      check(LAPACKE_ssyevr(LAPACK_COL_MAJOR, (byte) 'V', (byte) 'I', LOWER, n, p, n, 0f, 0f, n - k + 1, n, 0f, found, values, z, n, support), "ssyevr");
      // z is column-major n × k with ascending eigenvalues: z[c * n + i] is entry i of vector c.
      float[] zs = new float[n * k];
      z.get(zs);
      for (int c = 0; c < k; c++) {
        int src = (k - 1 - c) * n;
        for (int i = 0; i < n; i++) vectors[i * k + c] = zs[src + i];
      }
    }
    return vectors;
  }

  /**
   * Replaces the columns of a row-major rows × cols matrix (rows ≥ cols) by an orthonormal basis of their
   * span, in place (Householder QR: {@code dgeqrf} then {@code dorgqr}).
   */
  public static void orthonormalizeColumns(double[] a, int rows, int cols) {
    try (DoublePointer p = new DoublePointer(a);
        DoublePointer tau = new DoublePointer(cols)) {
      check(LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, rows, cols, p, cols, tau), "dgeqrf");
      check(LAPACKE_dorgqr(LAPACK_ROW_MAJOR, rows, cols, cols, p, cols, tau), "dorgqr");
      p.get(a);
    }
  }

  private static void check(int info, String routine) {
    if (info != 0) throw new ArithmeticException(routine + " failed with info " + info);
  }
}
