package movierec.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AxpyTest {
  /** Both kernels add a·x into y, bit for bit alike, at lengths around register multiples and at any offsets, leaving the rest of y alone. */
  @Test
  void vectorAndScalarKernelsAgreeBitForBit() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int n : new int[] {0, 1, 7, 8, 9, 600, 613}) {
      float[] x = new float[n + 5];
      float[] y = new float[n + 11];
      for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
      for (int i = 0; i < y.length; i++) y[i] = (float) rng.nextGaussian();
      float a = (float) rng.nextGaussian();
      float[] expected = y.clone();
      for (int j = 0; j < n; j++) expected[4 + j] = y[4 + j] + a * x[3 + j];
      float[] scalar = y.clone();
      Axpy.add(a, x, 3, scalar, 4, n, false);
      assertArrayEquals(expected, scalar, 0f, "scalar, n " + n);
      float[] vector = y.clone();
      Axpy.add(a, x, 3, vector, 4, n, true);
      assertArrayEquals(expected, vector, 0f, "vector, n " + n);
    }
    assertEquals(true, PanelMatrix.VECTOR_API, "the tests run with jdk.incubator.vector");
  }
}
