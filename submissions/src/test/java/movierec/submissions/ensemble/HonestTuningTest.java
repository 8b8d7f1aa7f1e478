package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import movierec.core.eval.Evaluation;
import movierec.core.eval.Metric;
import org.junit.jupiter.api.Test;

class HonestTuningTest {

  @Test
  void tuningNeverReadsTheHeldOutUsers() {
    int[] users = IntStream.range(0, 101).map(u -> 3 * u).toArray();
    List<int[]> calls = new ArrayList<>();
    // A made-up objective that rewards weight on source 0 for even users: tuning has something to chase.
    HonestTuning.Outcome outcome = HonestTuning.run(users, new double[] {0.5, 0.5}, 20, 4, (w, subset) -> {
      calls.add(subset.clone());
      double recall = Arrays.stream(subset).filter(u -> u % 2 == 0).count() * w[0] / subset.length;
      return new Evaluation(10, recall, 0, 0, 0, subset.length, null);
    }, e -> e.get(Metric.RECALL));

    assertEquals(50, outcome.tuneUsers().length);
    assertEquals(51, outcome.heldOutUsers().length);
    int[] union = IntStream.concat(Arrays.stream(outcome.tuneUsers()), Arrays.stream(outcome.heldOutUsers())).sorted().toArray();
    assertArrayEquals(users, union, "the two parts split the validation users without overlap");
    // Every call but the last (the held-out score) saw exactly the tuning users.
    for (int[] call : calls.subList(0, calls.size() - 1)) assertArrayEquals(outcome.tuneUsers(), call);
    assertArrayEquals(outcome.heldOutUsers(), calls.get(calls.size() - 1));
    assertEquals(outcome.heldOutUsers().length, outcome.ensemble().usersEvaluated());
    assertTrue(outcome.weights()[0] > 0.5, "tuning moved towards the rewarded source");
  }

  @Test
  void samesSeedSameParts() {
    int[] users = IntStream.range(0, 40).toArray();
    HonestTuning.Outcome a = HonestTuning.run(users, new double[] {1, 1}, 0, 9, (w, s) -> new Evaluation(10, 0, 0, 0, 0, s.length, null), e -> 0);
    HonestTuning.Outcome b = HonestTuning.run(users, new double[] {1, 1}, 0, 9, (w, s) -> new Evaluation(10, 0, 0, 0, 0, s.length, null), e -> 0);
    assertArrayEquals(a.tuneUsers(), b.tuneUsers());
  }
}
