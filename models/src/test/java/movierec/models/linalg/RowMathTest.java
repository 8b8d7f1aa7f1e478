package movierec.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowMathTest {
  private static final int[] LENGTHS = {0, 1, 7, 8, 9, 64, 600, 613};

  /** Both kernels add a·x into y, bit for bit alike, at lengths around register multiples and at any offsets, leaving the rest of y alone. */
  @Test
  void axpyKernelsAgreeBitForBit() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int n : LENGTHS) {
      float[] x = gaussian(n + 5, rng);
      float[] y = gaussian(n + 11, rng);
      float a = (float) rng.nextGaussian();
      float[] expected = y.clone();
      for (int j = 0; j < n; j++) expected[4 + j] = y[4 + j] + a * x[3 + j];
      float[] scalar = y.clone();
      RowMath.axpy(a, x, 3, scalar, 4, n, false);
      assertArrayEquals(expected, scalar, 0f, "scalar, n " + n);
      float[] vector = y.clone();
      RowMath.axpy(a, x, 3, vector, 4, n, true);
      assertArrayEquals(expected, vector, 0f, "vector, n " + n);
    }
  }

  /** Both dot kernels give the same float, close to the double-precision sum. */
  @Test
  void dotKernelsAgreeBitForBit() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int n : LENGTHS) {
      float[] x = gaussian(n + 3, rng);
      float[] y = gaussian(n + 6, rng);
      double exact = 0;
      for (int j = 0; j < n; j++) exact += (double) x[2 + j] * y[5 + j];
      float scalar = RowMath.dot(x, 2, y, 5, n, false);
      assertEquals(exact, scalar, 1e-4 * (1 + n), "scalar, n " + n);
      assertEquals(Float.floatToIntBits(scalar), Float.floatToIntBits(RowMath.dot(x, 2, y, 5, n, true)), "vector, n " + n);
    }
    assertTrue(PanelMatrix.VECTOR_API, "the tests run with jdk.incubator.vector");
  }

  private static float[] gaussian(int n, SplittableRandom rng) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
    return v;
  }
}
