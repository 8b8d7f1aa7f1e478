package movierec.models.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A dense layer {@code y = x·W + b} on ND4J matrices (W is in × out). */
public final class Dense {
  private final Param.Tensor w;
  private final Param.Tensor b;
  private INDArray ones;
  private INDArray output;

  /** Weights drawn from Glorot's uniform range, zero bias. */
  public Dense(int in, int out, SplittableRandom rng) {
    float[] init = new float[in * out];
    Init.glorot(init, in, out, rng);
    this.w = new Param.Tensor(Tensors.of(init, in, out), Tensors.zeros(in, out));
    this.b = Param.Tensor.zeros(1, out);
  }

  public List<Param> params() {
    return List.of(w, b);
  }

  public int outputs() {
    return (int) w.value().columns();
  }

  /**
   * x·W + b, in a matrix this layer keeps and overwrites at its next forward pass of as many rows: new memory is
   * slow to write the first time (a loop of Mult-VAE's 1,024 × 600 × 6,807 decoder GEMM into a fresh output each
   * call ran 3× slower than into a kept one; the bench's Mult-VAE epoch gained 10 %, its evaluation 6 %).
   */
  public INDArray forward(INDArray x) {
    if (output == null || output.rows() != x.rows()) output = Tensors.empty(x.rows(), w.value().columns());
    Tensors.gemm(x, false, w.value(), false, output);
    return output.addiRowVector(b.value());
  }

  /** Sets dW = xᵀ·dY and db = column sums of dY; returns dX = dY·Wᵀ, or null when not {@code needInputGrad}. */
  public INDArray backward(INDArray x, INDArray dOut, boolean needInputGrad) {
    Tensors.gemm(x, true, dOut, false, w.grad());
    // Column sums as a GEMM with a ones row: ND4J's dimension-0 reduction is several times slower.
    Tensors.gemm(ones(x.rows()), false, dOut, false, b.grad());
    return needInputGrad ? backwardInput(dOut) : null;
  }

  /** dX = dY·Wᵀ only, leaving the parameter gradients alone (for layers held fixed in an update). */
  public INDArray backwardInput(INDArray dOut) {
    INDArray dx = Tensors.empty(dOut.rows(), w.value().rows());
    Tensors.gemm(dOut, false, w.value(), true, dx);
    return dx;
  }

  /** The in × out weight matrix (live, not a copy). */
  public INDArray weights() {
    return w.value();
  }

  /** The 1 × out bias row (live, not a copy). */
  public INDArray bias() {
    return b.value();
  }

  private INDArray ones(long n) {
    if (ones == null || ones.columns() != n) ones = Tensors.zeros(1, n).addi(1);
    return ones;
  }
}
