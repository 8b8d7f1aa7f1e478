package movierec.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable tensor and its gradient. Dense layers keep theirs in ND4J (GEMM operands); sparse input
 * layers keep theirs in Java arrays (rows are gathered and scattered per nonzero, which ND4J cannot do
 * without materializing the gathered rows).
 */
public sealed interface Param {
  int size();

  /** A copy of the values (row-major): snapshots and model files. */
  float[] values();

  void setValues(float[] values);

  /** Parameters held in ND4J matrices. */
  record Tensor(INDArray value, INDArray grad) implements Param {
    public static Tensor zeros(int rows, int cols) {
      return new Tensor(Tensors.zeros(rows, cols), Tensors.zeros(rows, cols));
    }

    @Override
    public int size() {
      return (int) value.length();
    }

    @Override
    public float[] values() {
      return Tensors.read(value);
    }

    @Override
    public void setValues(float[] values) {
      Tensors.write(values, value);
    }
  }

  /** Parameters held in Java arrays. */
  record Array(float[] value, float[] grad) implements Param {
    public static Array zeros(int size) {
      return new Array(new float[size], new float[size]);
    }

    @Override
    public int size() {
      return value.length;
    }

    @Override
    public float[] values() {
      return value.clone();
    }

    @Override
    public void setValues(float[] values) {
      System.arraycopy(values, 0, value, 0, value.length);
    }
  }
}
