package movierec.models.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few ND4J entry points the networks use: float32 matrices, and copies between them and Java arrays
 * (element-wise work that needs the sparse structure, or exact control over order, runs in Java).
 */
public final class Tensors {
  static {
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
  }

  private Tensors() {}

  public static INDArray zeros(long rows, long cols) {
    return Nd4j.create(DataType.FLOAT, rows, cols);
  }

  /** An uninitialized rows × cols matrix, for outputs that are fully overwritten (GEMM with beta = 0). */
  public static INDArray empty(long rows, long cols) {
    return Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
  }

  /** A rows × cols matrix holding a copy of {@code data} (row-major). */
  public static INDArray of(float[] data, int rows, int cols) {
    INDArray a = empty(rows, cols);
    write(data, a);
    return a;
  }

  /** Copies the matrix into {@code out} (row-major) and returns it; a null or short {@code out} is replaced. */
  public static float[] read(INDArray a, float[] out) {
    int n = (int) a.length();
    if (out == null || out.length < n) out = new float[n];
    pointer(a).get(out, 0, n);
    return out;
  }

  public static float[] read(INDArray a) {
    return read(a, null);
  }

  /** Overwrites the matrix with the first {@code a.length()} values of {@code src} (row-major). */
  public static void write(float[] src, INDArray a) {
    pointer(a).put(src, 0, (int) a.length());
  }

  /** C = op(A)·op(B) into a preallocated C (allocating outputs halves GEMM throughput in ND4J). */
  public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
    Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
  }

  private static FloatPointer pointer(INDArray a) {
    if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView()) {
      throw new IllegalArgumentException("expected a dense row-major float32 matrix, got " + a.shapeInfoToString());
    }
    return (FloatPointer) a.data().addressPointer();
  }
}
