package movierec.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseTest {
  /** The layer reuses its output matrix: each forward pass, of any batch size, still gives x·W + b. */
  @Test
  void everyForwardPassGivesItsOwnProduct() {
    SplittableRandom rng = new SplittableRandom(4);
    Dense layer = new Dense(3, 4, rng);
    Tensors.write(new float[] {0.5f, -1, 2, 0.25f}, layer.bias());
    float[] w = Tensors.read(layer.weights());
    float[] bias = Tensors.read(layer.bias());
    for (int rows : new int[] {2, 5, 2, 2}) {
      float[] x = new float[rows * 3];
      for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
      float[] expected = new float[rows * 4];
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < 4; j++) {
          float s = bias[j];
          for (int k = 0; k < 3; k++) s += x[r * 3 + k] * w[k * 4 + j];
          expected[r * 4 + j] = s;
        }
      }
      float[] y = Tensors.read(layer.forward(Tensors.of(x, rows, 3)));
      assertArrayEquals(expected, y, 1e-5f, rows + " rows");
      // What a loss does to the output it is given (overwrite it with a gradient) must not reach the next pass.
      float[] gradient = new float[rows * 4];
      Arrays.fill(gradient, 7f);
      Tensors.write(gradient, layer.forward(Tensors.of(x, rows, 3)));
    }
  }
}
