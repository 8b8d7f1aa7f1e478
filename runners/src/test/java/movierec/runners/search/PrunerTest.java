package movierec.runners.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrunerTest {
  /** Rungs at epochs 1, 3, 9 (min_epochs 1, eta 3); losses, smaller better; worked by hand below. */
  @Test
  void ashaPromotesTheTopThirdOfEachRungWithinTheFamily() {
    Search s = new Search(FixedFamilies.space(), new FixedFamilies("a", "a", "a", "a", "a", "a", "b"), new AshaPruner(1, 3), false);
    for (int i = 0; i < 7; i++) s.ask();
    List<Boolean> pruned = new ArrayList<>();
    // Rung 0 (epoch 1). With fewer than 3 entries only the best goes on; with k entries the best floor(k/3).
    pruned.add(s.report(0, 1, 0.50) != null); // [0.5]: best, goes on
    pruned.add(s.report(1, 1, 0.70) != null); // [0.5 0.7]: not the best
    pruned.add(s.report(2, 1, 0.40) != null); // [0.4 0.5 0.7]: top 1
    pruned.add(s.report(3, 1, 0.60) != null); // 4 entries: top 1 is 0.4
    pruned.add(s.report(4, 1, 0.45) != null); // 5 entries: top 1 is 0.4
    pruned.add(s.report(5, 1, 0.45) != null); // [0.4 0.45 0.45 0.5 0.6 0.7]: top 2, 0.45 ties the second
    pruned.add(s.report(6, 1, 0.90) != null); // family b: alone at its rung, goes on
    assertEquals(List.of(false, true, false, true, true, false, false), pruned);

    assertNull(s.report(0, 2, 0.30), "epoch 2 is no rung");
    assertNull(s.report(0, 3, 0.30), "rung 1 (epoch 3): first entry");
    String reason = s.report(2, 3, 0.35);
    assertNotNull(reason, "rung 1: [0.30 0.35], only the best goes on");
    assertEquals("asha: rung 1 (epoch 3): 0.350000 not in the top 1/3 of 2 a trials", reason);
  }

  @Test
  void ashaRecordsEveryRungAnEpochJumpPasses() {
    Search s = new Search(FixedFamilies.space(), new FixedFamilies("a", "a"), new AshaPruner(1, 2), false);
    s.ask();
    s.ask();
    assertNull(s.report(0, 4, 0.5)); // rungs 0, 1, 2 (epochs 1, 2, 4) all at once, alone each time
    assertNotNull(s.report(1, 2, 0.6)); // rung 0: [0.5 0.6] -> only the best
  }

  /** warmup 2 complete trials, min epochs 2; complete trials' losses at epoch 2: 0.4 and 0.6, median 0.5. */
  @Test
  void medianDecisionTable() {
    Search s = new Search(FixedFamilies.space(), new FixedFamilies("a", "a", "b", "a", "a", "a", "a"), new MedianPruner(2, 2), false);
    for (int i = 0; i < 3; i++) s.ask();
    s.report(0, 1, 0.5);
    s.report(0, 2, 0.4);
    s.tell(0, 0.4);
    s.report(2, 1, 0.1);
    s.report(2, 2, 0.1);
    s.tell(2, 0.1); // family b: never counts for a
    s.report(1, 1, 0.7);
    assertNull(s.report(1, 2, 0.9), "one complete trial of the family: still warming up");
    s.tell(1, 0.6);
    s.trials(); // trial 1 finished with epochs {1: 0.7, 2: 0.9}: the median at epoch 2 is (0.4 + 0.9) / 2
    for (int i = 0; i < 4; i++) s.ask();
    assertNull(s.report(3, 1, 9.0), "epoch 1 < min_epochs");
    assertNotNull(s.report(3, 2, 0.7), "best so far 0.7 > median 0.65");
    assertNull(s.report(4, 2, 0.6), "0.6 < 0.65");
    s.report(5, 1, 0.3);
    assertNull(s.report(5, 2, 0.8), "best so far is epoch 1's 0.3");
    assertNull(s.report(6, 2, 0.65), "equal to the median: goes on");
  }
}
