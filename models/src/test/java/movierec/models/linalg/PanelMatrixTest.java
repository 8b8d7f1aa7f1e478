package movierec.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.eval.TopK;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class PanelMatrixTest {
  /**
   * The panel product equals the dense product of the densified rows (one SGEMM, the path EASE scored with
   * before), with both kernels, for widths below, at and between panel multiples, and ranks the same top 50.
   */
  @Test
  void sparsePanelProductRanksAsTheDenseProduct() {
    Interactions x = Fixtures.tiny().interactions();
    int n = x.numItems();
    // Every user in a shuffled order with repeats, in more rows than one pass over the panels takes.
    int[] users = IntStream.range(0, 2 * PanelMatrix.BATCH + 76).map(b -> (b * 7 + 3) % x.numUsers()).toArray();
    float[] dense = new float[users.length * n];
    for (int b = 0; b < users.length; b++) for (int item : x.itemsOf(users[b])) dense[b * n + item] = 1f;
    for (int cols : new int[] {5, PanelMatrix.WIDTH, 300, n + 7}) {
      float[] m = Factors.gaussian(n * cols, 1, new SplittableRandom(cols));
      float[] expected = Blas.multiply(dense, false, m, false, users.length, cols, n);
      PanelMatrix panels = PanelMatrix.of(m, n, cols);
      assertArrayEquals(m, panels.toRowMajor(), "round trip, cols " + cols);
      float[] scalar = new float[users.length * cols];
      panels.sumRows(x, users, scalar, false);
      assertArrayEquals(expected, scalar, 1e-3f, "scalar kernel, cols " + cols);
      if (PanelMatrix.VECTOR_API) {
        float[] vector = new float[users.length * cols];
        panels.sumRows(x, users, vector, true);
        // Same additions in the same order: bit for bit.
        assertArrayEquals(scalar, vector, 0f, "vector kernel, cols " + cols);
      }
      int k = Math.min(50, cols);
      for (int b = 0; b < users.length; b++) {
        int[] top = new int[k];
        int[] expectedTop = new int[k];
        float[] unused = new float[k];
        TopK.select(scalar, b * cols, cols, k, top, unused);
        TopK.select(expected, b * cols, cols, k, expectedTop, unused);
        assertArrayEquals(expectedTop, top, "user " + users[b] + ", cols " + cols);
      }
    }
  }

  /** The tests run with the module (the pom's argLine), so the vector kernel above was compared, not skipped. */
  @Test
  void testsRunWithTheVectorApi() {
    assertTrue(PanelMatrix.VECTOR_API, "surefire's argLine adds jdk.incubator.vector");
  }
}
