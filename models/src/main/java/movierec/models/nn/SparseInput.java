package movierec.models.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.models.linalg.RowMath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first layer {@code y = x·W + b} for sparse x: the output gathers the rows of W at the nonzeros, the
 * weight gradient scatters into them. This replaces a dense batch × inputs × outputs product (the
 * largest in a Mult-VAE step) by one proportional to the nonzeros. Each output row, and each weight row
 * of the gradient, is summed by one thread in a fixed order, so results do not depend on threading.
 */
public final class SparseInput {
  private final int in;
  private final int out;
  private final Param.Array w;
  private final Param.Array b;

  /** Weights drawn from Glorot's uniform range, zero bias. */
  public SparseInput(int in, int out, SplittableRandom rng) {
    this.in = in;
    this.out = out;
    this.w = Param.Array.zeros(in * out);
    this.b = Param.Array.zeros(out);
    Init.glorot(w.value(), in, out, rng);
  }

  public List<Param> params() {
    return List.of(w, b);
  }

  public int outputs() {
    return out;
  }

  /** x·W + b as a new rows × out matrix. */
  public INDArray forward(SparseRows x) {
    checkCols(x);
    float[] y = new float[x.rows() * out];
    float[] wv = w.value();
    float[] bv = b.value();
    IntStream.range(0, x.rows()).parallel().forEach(r -> {
      int o = r * out;
      System.arraycopy(bv, 0, y, o, out);
      for (int p = x.start(r); p < x.end(r); p++) {
        float v = x.value(p);
        if (v == 0) continue;
        RowMath.axpy(v, wv, x.index(p) * out, y, o, out);
      }
    });
    return Tensors.of(y, x.rows(), out);
  }

  /** Sets the gradients from the output's gradient: dW = xᵀ·dY, db = column sums of dY. */
  public void backward(SparseRows x, INDArray dOut) {
    checkCols(x);
    float[] dy = Tensors.read(dOut);
    SparseRows xt = x.transpose();
    float[] gw = w.grad();
    IntStream.range(0, in).parallel().forEach(i -> {
      int wo = i * out;
      Arrays.fill(gw, wo, wo + out, 0f);
      for (int p = xt.start(i); p < xt.end(i); p++) {
        float v = xt.value(p);
        if (v == 0) continue;
        RowMath.axpy(v, dy, xt.index(p) * out, gw, wo, out);
      }
    });
    float[] gb = b.grad();
    Arrays.fill(gb, 0f);
    for (int r = 0; r < x.rows(); r++) for (int j = 0; j < out; j++) gb[j] += dy[r * out + j];
  }

  private void checkCols(SparseRows x) {
    if (x.cols() != in) throw new IllegalArgumentException("input has " + x.cols() + " columns, layer expects " + in);
  }
}
