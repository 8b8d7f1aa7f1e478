package movierec.models.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.eval.TopK;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ProductsTest {
  /** The sparse product equals the dense product of the densified rows, for narrow and wide matrices. */
  @Test
  void sumRowsEqualsTheDenseProduct() {
    Interactions x = Fixtures.tiny().interactions();
    int n = x.numItems();
    // Every user but in a shuffled order with a repeat, as a batch may be.
    int[] users = IntStream.range(0, x.numUsers()).map(u -> (u * 7 + 3) % x.numUsers()).toArray();
    users[1] = users[0];
    for (int cols : new int[] {5, 128, 6807}) {
      float[] dense = Factors.gaussian(n * cols, 1, new SplittableRandom(cols));
      float[] sparse = new float[users.length * cols];
      Products.sumRows(x, users, dense, cols, sparse);
      float[] expected = new float[users.length * cols];
      for (int b = 0; b < users.length; b++) {
        float[] row = new float[n];
        for (int item : x.itemsOf(users[b])) row[item] = 1f;
        for (int i = 0; i < n; i++) {
          if (row[i] == 0f) continue;
          for (int j = 0; j < cols; j++) expected[b * cols + j] += row[i] * dense[i * cols + j];
        }
      }
      // The orders of summation differ (history order against item order).
      assertArrayEquals(expected, sparse, 1e-4f, "cols " + cols);
    }
  }

  /**
   * SGEMM scoring equals the dot products of the factor rows, and ranks the same top 50 per user as the
   * Java axpy loop it replaced did (scores that close never reorder unless tied).
   */
  @Test
  void factorScoresEqualTheDotProductsAndRankTheSameTopK() {
    int numUsers = 300;
    int numItems = 1000;
    int k = 24;
    Factors f = Factors.gaussian(numUsers, numItems, k, 1, new SplittableRandom(5));
    int[] users = IntStream.range(0, 200).map(b -> (b * 37 + 11) % numUsers).toArray();
    float[] scores = new float[users.length * numItems];
    Products.factorScores(f.users(), users, k, f.items(), numItems, scores);
    float[] expected = new float[users.length * numItems];
    for (int b = 0; b < users.length; b++) {
      for (int i = 0; i < numItems; i++) {
        double dot = 0;
        for (int c = 0; c < k; c++) dot += f.users()[users[b] * k + c] * f.items()[i * k + c];
        expected[b * numItems + i] = (float) dot;
      }
    }
    assertArrayEquals(expected, scores, 1e-4f);
    for (int b = 0; b < users.length; b++) {
      int[] top = new int[50];
      int[] expectedTop = new int[50];
      float[] unused = new float[50];
      TopK.select(scores, b * numItems, numItems, 50, top, unused);
      TopK.select(expected, b * numItems, numItems, 50, expectedTop, unused);
      assertArrayEquals(expectedTop, top, "user " + users[b]);
    }
  }
}
