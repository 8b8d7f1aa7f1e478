package movierec.models.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;

/** Dense products through OpenBLAS on Java arrays copied off-heap (at the machine's peak, facts.md). */
public final class Blas {
  private Blas() {}

  /**
   * op(A)·op(B) for row-major arrays, op(A) m × k and op(B) k × n; op transposes when asked.
   *
   * @return m × n row-major
   */
  public static float[] multiply(float[] a, boolean transA, float[] b, boolean transB, int m, int n, int k) {
    if (a.length != (long) m * k || b.length != (long) k * n) throw new IllegalArgumentException("operand sizes do not match " + m + "×" + k + "·" + k + "×" + n);
    float[] c = new float[m * n];
    multiply(a, transA, b, transB, m, n, k, c);
    return c;
  }

  /**
   * The same product into the first m × n entries of {@code c}, reading the first m × k and k × n entries
   * of {@code a} and {@code b}: buffers sized for the largest batch serve smaller ones.
   */
  public static void multiply(float[] a, boolean transA, float[] b, boolean transB, int m, int n, int k, float[] c) {
    long am = (long) m * k;
    long bn = (long) k * n;
    long cm = (long) m * n;
    if (a.length < am || b.length < bn || c.length < cm) throw new IllegalArgumentException("operands too small for " + m + "×" + k + "·" + k + "×" + n);
    if (cm == 0) return;
    try (FloatPointer pa = new FloatPointer(am); FloatPointer pb = new FloatPointer(bn); FloatPointer pc = new FloatPointer(cm)) {
      pa.put(a, 0, (int) am);
      pb.put(b, 0, (int) bn);
      cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, pa, transA ? m : k, pb,
          transB ? k : n, 0f, pc, n);
      pc.get(c, 0, (int) cm);
    }
  }
}
