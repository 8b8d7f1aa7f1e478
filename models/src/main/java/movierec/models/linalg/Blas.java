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
    try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b); FloatPointer pc = new FloatPointer((long) m * n)) {
      cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, pa, transA ? m : k, pb,
          transB ? k : n, 0f, pc, n);
      pc.get(c);
    }
    return c;
  }
}
