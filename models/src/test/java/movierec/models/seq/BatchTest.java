package movierec.models.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import org.junit.jupiter.api.Test;

class BatchTest {
  private static final int PAD = 5;
  private static final int MASK = 6;

  /** One user with items 0, 1, 2 in time order. */
  private static Interactions history() {
    return Interactions.fromTriples(1, PAD, new int[] {0, 0, 0}, new int[] {0, 1, 2}, new long[] {1, 2, 3});
  }

  @Test
  void maskLatestTurnsTheLastPositionIntoTheTarget() {
    Batch b = new Batch(1, 4, PAD);
    b.window(b.tokens(), 0, history(), 0, 3);
    b.maskLatest(0, MASK);
    assertArrayEquals(new int[] {PAD, 0, 1, MASK}, b.tokens());
    assertArrayEquals(new int[] {-1, -1, -1, 2}, b.targets());
  }

  @Test
  void maskLatestKeepsAnAlreadyMaskedLatestItemsTarget() {
    Batch b = new Batch(1, 4, PAD);
    b.window(b.tokens(), 0, history(), 0, 3);
    // Probability just below 1: every item is masked by the cloze draws.
    b.cloze(0, 0.999999, MASK, new SplittableRandom(1));
    b.maskLatest(0, MASK);
    assertArrayEquals(new int[] {PAD, MASK, MASK, MASK}, b.tokens());
    assertArrayEquals(new int[] {-1, 0, 1, 2}, b.targets());
  }

  @Test
  void maskLatestLeavesAnEmptyWindowAlone() {
    Batch b = new Batch(1, 3, PAD);
    b.maskLatest(0, MASK);
    assertArrayEquals(new int[] {PAD, PAD, PAD}, b.tokens());
    assertArrayEquals(new int[] {-1, -1, -1}, b.targets());
  }
}
