package movierec.core.eval;

import java.util.Arrays;
import java.util.stream.IntStream;
import movierec.core.model.Recommender;

/**
 * Full-ranking evaluation: every item is scored for every user with answers, excluded items are
 * masked, the top {@code depth} are kept, and metrics at K are computed against the answers.
 */
public final class Evaluator {
  /**
   * Most users scored per call to the model. Item-item models stream their whole weight matrix once per call, so
   * at the competition's 6,807 items 1,024 users cost 25 % less CPU than 512 (measured, EASE's panel kernel).
   */
  public static final int BATCH = 1024;
  /** Floats the score buffer may hold (128 MB): large catalogues get smaller batches. */
  private static final int BUFFER_FLOATS = 1 << 25;

  private final int[][] truth;
  private final CandidateFilters.Exclusions exclusions;
  private final int numItems;
  private final int k;
  private final int depth;

  /**
   * @param truth sorted answers per user (empty = user not evaluated)
   * @param depth how many items per user to keep in the ranked lists (at least k)
   */
  public Evaluator(int[][] truth, CandidateFilters.Exclusions exclusions, int numItems, int k, int depth) {
    if (k < 1 || depth < k) throw new IllegalArgumentException("need 1 <= k <= depth");
    this.truth = truth;
    this.exclusions = exclusions;
    this.numItems = numItems;
    this.k = k;
    this.depth = depth;
  }

  /** Ranks items for the given users (no metrics); used for submissions. */
  public static RankedLists rank(Recommender model, int[] users, CandidateFilters.Exclusions exclusions, int numUsers, int numItems, int depth) {
    int[][] items = new int[numUsers][0];
    float[][] scores = new float[numUsers][0];
    int batchSize = batchSize(numItems);
    float[] buffer = new float[Math.min(batchSize, Math.max(1, users.length)) * numItems];
    for (int from = 0; from < users.length; from += batchSize) {
      int[] batch = Arrays.copyOfRange(users, from, Math.min(users.length, from + batchSize));
      model.score(batch, buffer);
      IntStream.range(0, batch.length).parallel().forEach(b -> {
        int u = batch[b];
        exclusions.apply(u, buffer, b * numItems);
        int[] top = new int[depth];
        float[] topScores = new float[depth];
        int n = TopK.select(buffer, b * numItems, numItems, depth, top, topScores);
        items[u] = Arrays.copyOf(top, n);
        scores[u] = Arrays.copyOf(topScores, n);
      });
    }
    return new RankedLists(depth, items, scores);
  }

  /** Users per call to the model for a catalogue of {@code numItems}: {@link #BATCH}, fewer when the buffer would pass its bound. */
  static int batchSize(int numItems) {
    return Math.max(1, Math.min(BATCH, BUFFER_FLOATS / Math.max(1, numItems)));
  }

  public Evaluation evaluate(Recommender model) {
    int[] users = IntStream.range(0, truth.length).filter(u -> truth[u].length > 0).toArray();
    RankedLists lists = rank(model, users, exclusions, truth.length, numItems, depth);
    return score(lists);
  }

  /** Metrics of given ranked lists (e.g. an ensemble's) against the answers. */
  public Evaluation score(RankedLists lists) {
    double recall = 0;
    double ndcg = 0;
    int hits = 0;
    int evaluated = 0;
    boolean[] recommended = new boolean[numItems];
    for (int u = 0; u < truth.length; u++) {
      int[] answers = truth[u];
      if (answers.length == 0) continue;
      evaluated++;
      int[] top = lists.items()[u];
      int n = Math.min(k, top.length);
      int found = 0;
      double dcg = 0;
      for (int r = 0; r < n; r++) {
        recommended[top[r]] = true;
        if (Arrays.binarySearch(answers, top[r]) >= 0) {
          found++;
          dcg += 1.0 / log2(r + 2);
        }
      }
      double idcg = 0;
      for (int r = 0; r < Math.min(k, answers.length); r++) idcg += 1.0 / log2(r + 2);
      recall += (double) found / Math.min(k, answers.length);
      ndcg += dcg / idcg;
      if (found > 0) hits++;
    }
    int covered = 0;
    for (boolean b : recommended) if (b) covered++;
    double denom = Math.max(1, evaluated);
    return new Evaluation(k, recall / denom, ndcg / denom, hits / denom, (double) covered / numItems, evaluated, lists);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
