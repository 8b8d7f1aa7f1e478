package movierec.core.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import movierec.core.data.Interactions;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SplitProtocolTest {
  private final Interactions data = Fixtures.tiny().interactions();

  @Test
  void sameSeedGivesTheSameSplitAndHash() {
    Split a = SplitProtocol.holdout(3).apply(data);
    Split b = SplitProtocol.holdout(3).apply(data);
    assertEquals(a.hash(), b.hash());
    assertEquals(a.train().fingerprint(), b.train().fingerprint());
    assertTrue(Arrays.deepEquals(a.truth(), b.truth()));
  }

  @Test
  void hashIsStableAcrossRunsAndChangesWithSeedAndProtocol() {
    // Pinned: if this changes, runs logged before the change no longer match new runs' split hashes.
    assertEquals("07c304ccfb2b5387", SplitProtocol.holdout(1).apply(threeUsers()).hash());
    Split base = SplitProtocol.holdout(3).apply(data);
    assertEquals(base.hash(), SplitProtocol.named("holdout", 1, 9, 3).apply(data).hash());
    assertNotEquals(base.hash(), SplitProtocol.holdout(4).apply(data).hash());
    assertNotEquals(base.hash(), SplitProtocol.leaveLastOut(3).apply(data).hash());
    assertNotEquals(base.hash(), SplitProtocol.named("holdout", 2, 8, 3).apply(data).hash());
    assertNotEquals(base.train().fingerprint(), SplitProtocol.holdout(4).apply(data).train().fingerprint(), "another seed draws other items");
  }

  @Test
  void heldOutItemsAreNeverInTraining() {
    Split s = SplitProtocol.holdout(5).apply(data);
    int[][] trainSets = s.train().sortedItemSets();
    for (int u = 0; u < data.numUsers(); u++) {
      for (int item : s.truth()[u]) assertTrue(Arrays.binarySearch(trainSets[u], item) < 0, "user " + u + " item " + item);
      assertEquals(data.length(u), s.train().length(u) + s.truth()[u].length, "every interaction is in exactly one part");
    }
  }

  @Test
  void theLastItemsByTimeAreHeldOut() {
    int last = 3;
    Split s = new SplitProtocol(SplitProtocol.HOLDOUT, last, 4, 9).apply(data);
    for (int u = 0; u < data.numUsers(); u++) {
      int[] history = data.itemsOf(u);
      for (int k = history.length - last; k < history.length; k++) {
        assertTrue(Arrays.binarySearch(s.truth()[u], history[k]) >= 0, "user " + u + " position " + k);
      }
      // Training keeps the time order of what is left, and ends before the held-out tail.
      assertTrue(s.train().lastTime(u) <= data.time(data.end(u) - last));
    }
  }

  @Test
  void shortHistoriesKeepAtLeastHalf() {
    Split s = SplitProtocol.holdout(1).apply(threeUsers()); // asks for 1 + 9 per user
    assertArrayEquals(new int[] {1, 1, 2}, Arrays.stream(s.truth()).mapToInt(t -> t.length).toArray());
    assertArrayEquals(new int[] {1, 2, 3}, new int[] {s.train().length(0), s.train().length(1), s.train().length(2)});
    assertEquals(1, s.truth()[0][0], "the last item by time is the one held out");
  }

  @Test
  void leaveLastOutHoldsOutOnlyTheLast() {
    Split s = SplitProtocol.leaveLastOut(0).apply(data);
    for (int u = 0; u < data.numUsers(); u++) assertArrayEquals(new int[] {data.item(data.end(u) - 1)}, s.truth()[u]);
  }

  /** Users with 2, 3 and 5 items, item k of a user at time k + 1. */
  private static Interactions threeUsers() {
    return Interactions.fromTriples(3, 5,
        new int[] {0, 0, 1, 1, 1, 2, 2, 2, 2, 2},
        new int[] {0, 1, 0, 1, 2, 0, 1, 2, 3, 4},
        new long[] {1, 2, 1, 2, 3, 1, 2, 3, 4, 5});
  }
}
