package movierec.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.Recommender;
import org.junit.jupiter.api.Test;

/** A 3-user example computed by hand (K = 3, 7 items); a fourth user has no answers and is not evaluated. */
class EvaluatorTest {
  private static final int ITEMS = 7;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  /** User 0 has seen item 5, user 2 item 0; users 1 and 3 nothing. */
  private final Interactions seen = Interactions.fromTriples(4, ITEMS, new int[] {0, 2}, new int[] {5, 0}, new long[] {1, 1});

  private final float[][] scores = {
      {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 1.0f, -1f}, // item 5 is best but seen: top 3 = 0, 1, 2
      {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, -1f}, // top 3 = 5, 4, 3
      {0f, 0f, 0f, 0f, 0f, 0f, -1f}, //            all tied, item 0 seen: top 3 = 1, 2, 3
      {0f, 0f, 0f, 0f, 0f, 0f, 0f}};
  private final Recommender model = (users, out) -> {
    for (int b = 0; b < users.length; b++) System.arraycopy(scores[users[b]], 0, out, b * ITEMS, ITEMS);
  };

  @Test
  void metricsMatchTheHandComputation() {
    int[][] truth = {{1, 3}, {2, 3, 4, 5}, {4}, {}};
    Evaluator evaluator = new Evaluator(truth, CandidateFilters.SEEN_ONLY.build(seen, ItemSide.none(ITEMS)), ITEMS, 3, 3);
    Evaluation e = evaluator.evaluate(model);

    assertArrayEquals(new int[] {0, 1, 2}, e.lists().items()[0]);
    assertArrayEquals(new int[] {5, 4, 3}, e.lists().items()[1]);
    assertArrayEquals(new int[] {1, 2, 3}, e.lists().items()[2]);
    assertEquals(0, e.lists().items()[3].length, "users without answers are not ranked");
    assertEquals(3, e.usersEvaluated());
    // Recall normalized by min(K, |truth|): user 0 finds 1 of min(3, 2), user 1 3 of min(3, 4), user 2 none.
    assertEquals((1.0 / 2 + 3.0 / 3 + 0) / 3, e.recall(), 1e-9);
    // NDCG: user 0 hits at rank 2 of an ideal 2 hits; user 1 is ideal; user 2 has no hit.
    double user0 = (1 / LOG2_3) / (1 + 1 / LOG2_3);
    assertEquals((user0 + 1 + 0) / 3, e.ndcg(), 1e-9);
    assertEquals(2.0 / 3, e.hitRate(), 1e-9);
    // Items 0-5 are recommended to someone, item 6 to nobody.
    assertEquals(6.0 / 7, e.coverage(), 1e-9);
    assertEquals(e.recall(), e.asMap().get("recall_at_3"));
  }

  @Test
  void recallAtOneCountsOnlyTheFirstItem() {
    int[][] truth = {{1, 3}, {5}, {2}, {}};
    Evaluator evaluator = new Evaluator(truth, CandidateFilters.SEEN_ONLY.build(seen, ItemSide.none(ITEMS)), ITEMS, 1, 3);
    Evaluation e = evaluator.evaluate(model);
    // Firsts: user 0 item 0 (miss), user 1 item 5 (hit), user 2 item 1 (miss).
    assertEquals(1.0 / 3, e.recall(), 1e-9);
    assertEquals(1.0 / 3, e.hitRate(), 1e-9);
  }

  @Test
  void usersBeyondOneBatchAreRankedAsTheirOwnScoresSay() {
    int users = Evaluator.BATCH + 37;
    List<Integer> batchSizes = new ArrayList<>();
    // Each user's best unseen item is u mod ITEMS; the rest score lower the further they are from it.
    Recommender byUser = (batch, out) -> {
      batchSizes.add(batch.length);
      for (int b = 0; b < batch.length; b++) {
        for (int i = 0; i < ITEMS; i++) out[b * ITEMS + i] = -Math.floorMod(i - batch[b], ITEMS);
      }
    };
    var nothingSeen = CandidateFilters.SEEN_ONLY.build(Interactions.fromTriples(users, ITEMS, new int[0], new int[0], new long[0]), ItemSide.none(ITEMS));
    RankedLists lists = Evaluator.rank(byUser, IntStream.range(0, users).toArray(), nothingSeen, users, ITEMS, 2);

    assertEquals(List.of(Evaluator.BATCH, 37), batchSizes);
    for (int u = 0; u < users; u++) assertArrayEquals(new int[] {u % ITEMS, (u + 1) % ITEMS}, lists.items()[u], "user " + u);
  }

  @Test
  void largeCataloguesAreScoredInSmallerBatches() {
    assertEquals(Evaluator.BATCH, Evaluator.batchSize(6_807));
    assertEquals((1 << 25) / 100_000, Evaluator.batchSize(100_000));
    assertTrue(Evaluator.batchSize(Integer.MAX_VALUE) >= 1);
  }
}
