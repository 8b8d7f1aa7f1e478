package movierec.submissions.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;
import movierec.submissions.testing.HandMadeData;
import org.junit.jupiter.api.Test;

/** Voting on hand-made lists whose winners, ties included, are worked out by hand in the comments. */
class VotingTest {
  private final Dataset data = HandMadeData.dataset();
  private final CandidateFilters.Exclusions seenOnly = CandidateFilters.SEEN_ONLY.build(data.interactions(), data.side());

  /** User 1 (who has seen item 1): 11 is in all three top-10s, 10 and 12 in two, the rest in one. */
  private final List<RankedLists> threeSources = List.of(
      HandMadeData.lists(data, Map.of(1, new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19})),
      HandMadeData.lists(data, Map.of(1, new int[] {11, 10, 20, 21, 22, 23, 24, 25, 26, 27})),
      HandMadeData.lists(data, Map.of(1, new int[] {12, 11, 1, 28, 29, 30, 3, 4, 5, 6})));

  private int[] vote(List<RankedLists> sources, double[] weights, RankDecay decay, int user) {
    int[] users = {data.users().index(user)};
    return HandMadeData.externalIds(data, new Voting(weights, decay, 10).combine(sources, users, seenOnly, 50), user);
  }

  @Test
  void hardVotingCountsAppearancesAndBreaksTiesByBestRankThenItemId() {
    int[] ranked = vote(threeSources, new double[] {1, 1, 1}, RankDecay.NONE, 1);
    // 11: 3 votes; 10 and 12: 2 votes, both best rank 1 -> item id; then single votes by best rank
    // (20 at rank 3; 13, 21, 28 at rank 4 -> item id; 14, 22, 29 at rank 5).
    assertArrayEquals(new int[] {11, 10, 12, 20, 13, 21, 28, 14, 22, 29}, Arrays.copyOf(ranked, 10));
    assertEquals(25, ranked.length, "every distinct item of the three lists but the seen item 1");
    assertEquals(-1, Arrays.stream(ranked).filter(i -> i == 1).findAny().orElse(-1), "seen item never recommended");
  }

  @Test
  void weightedVotingSumsSourceWeights() {
    int[] ranked = vote(threeSources, new double[] {0.2, 0.5, 0.3}, RankDecay.NONE, 1);
    // 11: 1.0; 10: 0.7; 12: 0.2 + 0.3 = 0.5 ties B's single votes (0.5) and wins on best rank 1;
    // then B's items by rank, then C's (0.3), then A's (0.2).
    assertArrayEquals(new int[] {11, 10, 12, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 3, 4, 5, 6, 13, 14, 15, 16, 17, 18, 19}, ranked);
  }

  @Test
  void sumsThatDifferOnlyByRoundingTie() {
    List<RankedLists> sources = List.of(
        HandMadeData.lists(data, Map.of(1, new int[] {7, 5})),
        HandMadeData.lists(data, Map.of(1, new int[] {8, 5})),
        HandMadeData.lists(data, Map.of(1, new int[] {6})));
    // 5: 0.1 + 0.2 (0.30000000000000004 in doubles) ties 6: 0.3; 6 wins on best rank 1 against 2.
    assertArrayEquals(new int[] {6, 5, 8, 7}, vote(sources, new double[] {0.1, 0.2, 0.3}, RankDecay.NONE, 1));
  }

  @Test
  void logRankDecayLetsOneTopVoteBeatTwoDeepOnes() {
    List<RankedLists> sources = List.of(
        HandMadeData.lists(data, Map.of(2, new int[] {30})),
        HandMadeData.lists(data, Map.of(2, new int[] {40, 41, 42, 43, 44, 45, 46, 47, 31})),
        HandMadeData.lists(data, Map.of(2, new int[] {50, 51, 52, 53, 54, 55, 56, 57, 58, 31})));
    // Without decay 31 has two votes and wins. With 1/log2(rank+1): 31 gets 1/log2(10) + 1/log2(11)
    // = 0.590, below rank 1 (1.0) and rank 2 (0.631), above rank 3 (0.5).
    assertArrayEquals(new int[] {31, 30, 40, 50}, Arrays.copyOf(vote(sources, new double[] {1, 1, 1}, RankDecay.NONE, 2), 4));
    assertArrayEquals(new int[] {30, 40, 50, 41, 51, 31, 42, 52}, Arrays.copyOf(vote(sources, new double[] {1, 1, 1}, RankDecay.LOG, 2), 8));
  }

  @Test
  void listsLeftShortByExclusionsFillFromLowerRanks() {
    int[] top = {1, 10, 11, 12, 13, 14, 15, 16, 17, 18};
    List<RankedLists> sources = List.of(
        HandMadeData.lists(data, Map.of(1, concat(top, 40, 42))),
        HandMadeData.lists(data, Map.of(1, concat(top, 41, 40))));
    // Seen item 1 leaves nine voted items; 40 and 41 both have best rank 11 (item id decides), 42 rank 12.
    assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 40, 41, 42}, vote(sources, new double[] {1, 1}, RankDecay.NONE, 1));
  }

  @Test
  void rejectsNegativeWeights() {
    assertThrows(IllegalArgumentException.class, () -> new Voting(new double[] {1, -0.5}, RankDecay.NONE, 10));
  }

  private static int[] concat(int[] head, int... tail) {
    int[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
