package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.eval.RankedLists;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.submissions.testing.HandMadeData;
import org.junit.jupiter.api.Test;

/**
 * Stacking on a constructed case with known answers: every user's answers are the items source A ranks
 * 12th and 13th. No weighting of A and a random source B puts them in a top 10 (A's own top 10 comes
 * first), but trees over the rank features learn it from the users they are trained on.
 */
class StackingTest {
  private static final int USERS = 120;
  private static final int LIST = 20;
  private final Dataset data = dataset();
  private final RankedLists a;
  private final RankedLists b;
  private final int[][] truth = new int[data.numUsers()][0];
  private final CandidateFilters.Exclusions exclusions;
  private final Stacking.Context context;

  StackingTest() {
    SplittableRandom rng = new SplittableRandom(3);
    Map<Integer, int[]> listsA = new HashMap<>();
    Map<Integer, int[]> listsB = new HashMap<>();
    for (int user = 1; user <= USERS; user++) {
      listsA.put(user, randomItems(rng));
      listsB.put(user, randomItems(rng));
    }
    a = HandMadeData.lists(data, listsA);
    b = HandMadeData.lists(data, listsB);
    for (int user = 1; user <= USERS; user++) {
      int u = data.users().index(user);
      truth[u] = new int[] {a.items()[u][12], a.items()[u][13]};
      Arrays.sort(truth[u]);
    }
    exclusions = CandidateFilters.SEEN_ONLY.build(data.interactions(), data.side());
    context = Stacking.Context.of(data.interactions(), data.side());
  }

  /** Users 1..120 have each seen one of items 50..59; user 121 has seen all 60, so that every item is in the catalog. */
  private static Dataset dataset() {
    RawData raw = new RawData();
    for (int user = 1; user <= USERS; user++) raw.add(user, 50 + user % 10, 1_000);
    for (int item = 1; item <= 60; item++) raw.add(USERS + 1, item, 1_000 + item);
    return raw.build("stacking");
  }

  /** 20 distinct items of 1..49 in random order. */
  private static int[] randomItems(SplittableRandom rng) {
    int[] pool = IntStream.rangeClosed(1, 49).toArray();
    for (int i = pool.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return Arrays.copyOf(pool, LIST);
  }

  private int[] users(int fromUser, int toUser) {
    return IntStream.rangeClosed(fromUser, toUser).map(user -> data.users().index(user)).sorted().toArray();
  }

  private double recallAt10(RankedLists lists, int[] users) {
    double sum = 0;
    for (int u : users) {
      long found = Arrays.stream(lists.items()[u], 0, Math.min(10, lists.items()[u].length)).filter(i -> Arrays.binarySearch(truth[u], i) >= 0).count();
      sum += found / (double) Math.min(10, truth[u].length);
    }
    return sum / users.length;
  }

  @Test
  void stackingFindsAnswersThatNoWeightedBlendRanksHigh() {
    int[] train = users(1, 60);
    int[] test = users(61, USERS);
    Stacking.Fitted fitted = Stacking.fit(List.of(a, b), train, truth, exclusions, context, 10, 0);
    double stacked = recallAt10(fitted.combine(List.of(a, b), test, exclusions, context, 50), test);
    assertTrue(stacked >= 0.9, "stacked recall@10 on users it was not fitted on: " + stacked);
    assertEquals(0.0, recallAt10(a, test), 1e-12, "A's top 10 never holds the answers");
    for (double wa : new double[] {0.1, 0.5, 0.9}) {
      double blended = recallAt10(new Blending(new double[] {wa, 1 - wa}, ScoreNormalization.ZSCORE).combine(List.of(a, b), test, exclusions, 10), test);
      assertTrue(blended < 0.35, "blend at weight " + wa + ": " + blended);
    }
    double[] importance = fitted.sourceImportance();
    assertTrue(importance[0] > 0.8, "the trees split on A's features: " + Arrays.toString(importance));
  }

  @Test
  void fittingReadsTheAnswersOfItsUsersOnly() {
    int[] train = users(1, 60);
    int[][] changed = truth.clone();
    for (int user = 61; user <= USERS; user++) {
      int u = data.users().index(user);
      changed[u] = new int[] {a.items()[u][0]};
    }
    int[] all = users(1, USERS);
    RankedLists first = Stacking.fit(List.of(a, b), train, truth, exclusions, context, 10, 0).combine(List.of(a, b), all, exclusions, context, 50);
    RankedLists second = Stacking.fit(List.of(a, b), train, changed, exclusions, context, 10, 0).combine(List.of(a, b), all, exclusions, context, 50);
    for (int u : all) {
      assertArrayEquals(first.items()[u], second.items()[u]);
      assertArrayEquals(first.scores()[u], second.scores()[u]);
    }
  }

  @Test
  void theHeldOutFigureComesFromTreesThatNeverReadTheHeldOutUsers() {
    Split split = new Split(SplitProtocol.holdout(1), data.interactions(), truth, "split");
    EnsembleSpec spec = new EnsembleSpec(VotingMethod.STACK, WeightMode.TUNED, RankDecay.NONE, ScoreNormalization.ZSCORE, Metric.parse("recall_at_10"), 0, 0);
    List<Ensemble.Source> sources = List.of(new Ensemble.Source("a", "a", 0.0, 1, a, a), new Ensemble.Source("b", "b", 0.0, 1, b, b));
    Ensemble.Result result = Ensemble.build(sources, spec, data, split, CandidateFilters.SEEN_ONLY);
    Ensemble.HeldOut heldOut = result.heldOut().orElseThrow();
    assertEquals(USERS / 2, heldOut.ensemble().usersEvaluated());
    assertTrue(heldOut.ensemble().recall() >= 0.9, "held-out stacked recall " + heldOut.ensemble().recall());
    assertTrue(heldOut.sources().stream().allMatch(e -> e.recall() < 0.35));

    // Other answers for the held-out users: the held-out figure changes, the trees judged on them do not.
    int[] heldOutUsers = Ensemble.heldOutUsers(split, 0);
    int[][] changed = truth.clone();
    for (int u : heldOutUsers) changed[u] = new int[] {a.items()[u][0]};
    Ensemble.HeldOut again = Ensemble.build(sources, spec, data, new Split(SplitProtocol.holdout(1), data.interactions(), changed, "split-2"),
        CandidateFilters.SEEN_ONLY).heldOut().orElseThrow();
    assertArrayEquals(heldOut.weights(), again.weights());
    assertNotEquals(heldOut.ensemble().recall(), again.ensemble().recall());
  }

  @Test
  void theSettingAndTreesChosenOnTheFittingUsersAreTheSameEveryFit() {
    int[] train = users(1, 60);
    int[] all = users(1, USERS);
    Stacking.Fitted first = Stacking.fit(List.of(a, b), train, truth, exclusions, context, 10, 5);
    Stacking.Fitted second = Stacking.fit(List.of(a, b), train, truth, exclusions, context, 10, 5);
    assertTrue(Stacking.SETTINGS.contains(first.setting()), first.setting().toString());
    assertEquals(first.setting(), second.setting());
    assertEquals(first.trees(), second.trees());
    assertTrue(first.trees() >= 1 && first.trees() <= Stacking.MAX_TREES);
    RankedLists one = first.combine(List.of(a, b), all, exclusions, context, 50);
    RankedLists two = second.combine(List.of(a, b), all, exclusions, context, 50);
    for (int u : all) assertArrayEquals(one.scores()[u], two.scores()[u]);
  }

  @Test
  void stackingHasNoGivenWeightsAndNoGreedySelection() {
    assertThrows(IllegalArgumentException.class,
        () -> new EnsembleSpec(VotingMethod.STACK, WeightMode.GIVEN, RankDecay.NONE, ScoreNormalization.ZSCORE, Metric.parse("recall_at_10"), 0, 0));
  }
}
