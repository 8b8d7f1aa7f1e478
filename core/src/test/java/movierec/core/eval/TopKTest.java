package movierec.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  @Test
  void bestFirstWithScores() {
    float[] scores = {0.1f, 0.9f, 0.5f, 0.7f, 0.3f};
    int[] items = new int[3];
    float[] top = new float[3];
    assertEquals(3, TopK.select(scores, 0, 5, 3, items, top));
    assertArrayEquals(new int[] {1, 3, 2}, items);
    assertArrayEquals(new float[] {0.9f, 0.7f, 0.5f}, top);
  }

  @Test
  void tiesGoToTheLowerIndex() {
    float[] scores = {1, 2, 2, 1, 2, 1};
    int[] items = new int[4];
    TopK.select(scores, 0, 6, 4, items, new float[4]);
    assertArrayEquals(new int[] {1, 2, 4, 0}, items);
  }

  @Test
  void excludedAndNanItemsAreNeverSelected() {
    float[] scores = {NEG_INF, 0.5f, Float.NaN, NEG_INF, -3f};
    int[] items = new int[4];
    int n = TopK.select(scores, 0, 5, 4, items, new float[4]);
    assertEquals(2, n, "only two items are selectable");
    assertArrayEquals(new int[] {1, 4}, Arrays.copyOf(items, n));
  }

  @Test
  void readsOneRowOfABatchBuffer() {
    float[] buffer = {9, 9, 9, 0.2f, 0.8f, 0.5f};
    int[] items = new int[2];
    TopK.select(buffer, 3, 3, 2, items, new float[2]);
    assertArrayEquals(new int[] {1, 2}, items, "indices are relative to the row");
  }

  /**
   * Random rows (inside a larger buffer) with many ties and excluded items, half of them with NaNs (which leave the
   * vector scan no lower bound to start from): the heap keeps exactly what a full sort ranks first, with the Vector
   * API scan and without it.
   */
  @Test
  void matchesAFullSort() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int trial = 0; trial < 400; trial++) {
      int n = 1 + rng.nextInt(400);
      int k = 1 + rng.nextInt(60);
      int offset = rng.nextInt(20);
      float[] buffer = new float[offset + n + rng.nextInt(20)];
      Arrays.fill(buffer, 100f);
      boolean withNan = trial % 2 == 0;
      for (int i = 0; i < n; i++) {
        int kind = rng.nextInt(20);
        buffer[offset + i] = kind == 0 ? Float.NEGATIVE_INFINITY : kind == 1 && withNan ? Float.NaN : rng.nextInt(20);
      }
      float[] scores = Arrays.copyOfRange(buffer, offset, offset + n);
      Integer[] order = IntStream.range(0, n).filter(i -> scores[i] != Float.NEGATIVE_INFINITY && !Float.isNaN(scores[i])).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
      int[] expected = Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
      for (boolean vector : new boolean[] {true, false}) {
        int[] items = new int[k];
        float[] kept = new float[k];
        int found = TopK.select(buffer, offset, n, k, items, kept, vector);
        assertArrayEquals(expected, Arrays.copyOf(items, found), "trial " + trial + (vector ? ", vector scan" : ", scalar scan"));
      }
    }
  }

  /**
   * The scan's starting score is a true lower bound of the k-th best (at least k scores reach it) and, on a long
   * row without NaNs, an informative one (above most scores), so the comparisons above ran with it.
   */
  @Test
  void vectorScanStartsFromAScoreKItemsReach() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int k : new int[] {1, 10, 100}) {
      float[] scores = new float[6807];
      for (int i = 0; i < scores.length; i++) scores[i] = i % 50 == 0 ? NEG_INF : (float) rng.nextGaussian();
      float bound = VectorScan.kthLowerBound(scores, 0, scores.length, k);
      long reaching = IntStream.range(0, scores.length).filter(i -> scores[i] >= bound).count();
      assertTrue(reaching >= k && reaching < scores.length / 4, "k " + k + ": " + reaching + " scores reach " + bound);
      scores[17] = Float.NaN;
      assertEquals(NEG_INF, VectorScan.kthLowerBound(scores, 0, scores.length, k), "k " + k + " with a NaN");
    }
  }
}
