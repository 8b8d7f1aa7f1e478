package movierec.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand-written gradients of the layers, activations and losses against numeric differences. */
class LayersGradientTest {
  private static final SparseRows X = SparseRows.of(Fixtures.tiny().interactions(), IntStream.range(0, 6).toArray());

  private interface Loss {
    double apply(INDArray out, SparseRows x, double scale);
  }

  private static void check(Activation hidden, Loss loss) {
    SplittableRandom rng = new SplittableRandom(1);
    SparseInput input = new SparseInput(X.cols(), 8, rng);
    Mlp mlp = new Mlp(new int[] {8, 5, X.cols()}, hidden, Activation.IDENTITY, rng);
    List<Param> params = new ArrayList<>(input.params());
    params.addAll(mlp.params());
    SparseRows in = X.normalized(0, null);
    GradientCheck.assertGradients(params, () -> {
      INDArray h = hidden.apply(input.forward(in));
      INDArray out = mlp.forward(h);
      double value = loss.apply(out, X, 1.0 / X.rows());
      input.backward(in, hidden.backward(h, mlp.backward(out, true)));
      return value / X.rows();
    }, 12, 0.05);
  }

  @Test
  void multinomialThroughTanh() {
    check(Activation.TANH, Losses::multinomial);
  }

  @Test
  void logisticThroughSigmoid() {
    check(Activation.SIGMOID, Losses::logistic);
  }

  @Test
  void squaredThroughIdentity() {
    check(Activation.IDENTITY, Losses::squared);
  }

  @Test
  void adamPathsAgree() {
    // The fused ND4J op and the Java loop must take the same steps (argument order of the op included).
    float[] w = {0.5f, -0.2f, 0.1f, 0f};
    float[] g = {0.3f, -1f, 0.01f, 2f};
    Param.Tensor tensor = new Param.Tensor(Tensors.of(w, 1, 4), Tensors.zeros(1, 4));
    Param.Array array = new Param.Array(w.clone(), new float[4]);
    Adam adam = new Adam(List.of(tensor, array), 0.01, 0.1);
    for (int step = 0; step < 3; step++) {
      Tensors.write(g, tensor.grad());
      System.arraycopy(g, 0, array.grad(), 0, 4);
      adam.step();
    }
    assertArrayEquals(array.values(), tensor.values(), 1e-6f);
    // The first step of Adam moves each weight by about the learning rate against its gradient's sign.
    assertEquals(0.5f - 3 * 0.01f, array.values()[0], 1e-3f);
  }
}
