package movierec.models.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dense layers with one activation after each hidden layer and another after the last (Liang et al.'s
 * tanh MLPs). Keeps the last forward pass's activations for {@link #backward}.
 */
public final class Mlp {
  private final Dense[] layers;
  private final Activation hidden;
  private final Activation last;
  private final INDArray[] inputs;
  private INDArray output;

  /** @param dims layer widths, input first */
  public Mlp(int[] dims, Activation hidden, Activation last, SplittableRandom rng) {
    layers = new Dense[dims.length - 1];
    for (int l = 0; l < layers.length; l++) layers[l] = new Dense(dims[l], dims[l + 1], rng);
    this.hidden = hidden;
    this.last = last;
    this.inputs = new INDArray[layers.length];
  }

  public List<Param> params() {
    List<Param> ps = new ArrayList<>();
    for (Dense d : layers) ps.addAll(d.params());
    return ps;
  }

  public INDArray forward(INDArray x) {
    for (int l = 0; l < layers.length; l++) {
      inputs[l] = x;
      x = (l == layers.length - 1 ? last : hidden).apply(layers[l].forward(x));
    }
    output = x;
    return x;
  }

  /** Sets every layer's gradients from the output's; returns the input's gradient, or null when not {@code needInputGrad}. */
  public INDArray backward(INDArray dOut, boolean needInputGrad) {
    INDArray d = last.backward(output, dOut);
    for (int l = layers.length - 1; l >= 0; l--) {
      d = layers[l].backward(inputs[l], d, l > 0 || needInputGrad);
      if (l > 0) d = hidden.backward(inputs[l], d);
    }
    return d;
  }
}
