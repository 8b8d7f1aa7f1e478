package movierec.models.features;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;

/**
 * The training loop shared by the feature-based families: per epoch as many positives as interactions,
 * drawn uniformly (bootstrap, as in BPR's LearnBPR), each with sampled unwatched items, in mini-batches of
 * {@code batchSize} positives: one forward and one step per batch, on the summed loss of its pairs.
 * Sampling runs on one thread in the order drawn from the seed, so a seed fixes the batches.
 */
public final class PairwiseSgd {
  private final Interactions train;
  private final PairLoss loss;
  private final int negatives;
  private final int batchSize;
  private final SplittableRandom rng;
  private final int[][] seenSorted;
  private final int[] userOfEntry;
  private final PairBatch batch;
  private final float[] scores;
  private final float[] coef;

  public PairwiseSgd(Interactions train, PairLoss loss, int negatives, int batchSize, SplittableRandom rng) {
    this.train = train;
    this.loss = loss;
    this.negatives = negatives;
    this.batchSize = batchSize;
    this.rng = rng;
    seenSorted = train.sortedItemSets();
    userOfEntry = new int[train.size()];
    for (int u = 0; u < train.numUsers(); u++) Arrays.fill(userOfEntry, train.start(u), train.end(u), u);
    int rows = batchSize * (1 + negatives);
    batch = new PairBatch(rows, train.numItems());
    scores = new float[rows];
    coef = new float[rows];
  }

  /**
   * One epoch of steps on {@code model}; returns the mean loss per sampled positive. A batch holds, per
   * positive, its row followed by its negatives' rows.
   */
  public double epoch(BatchScorer model, float lr, float reg) {
    int numItems = train.numItems();
    int group = 1 + negatives;
    double total = 0;
    long positives = 0;
    int drawn = 0;
    while (drawn < train.size()) {
      batch.clear();
      int inBatch = 0;
      while (inBatch < batchSize && drawn < train.size()) {
        drawn++;
        int entry = rng.nextInt(train.size());
        int u = userOfEntry[entry];
        if (seenSorted[u].length == numItems) continue;
        batch.add(u, train.item(entry));
        for (int n = 0; n < negatives; n++) batch.add(u, negative(u, numItems));
        inBatch++;
      }
      if (inBatch == 0) continue;
      positives += inBatch;
      model.forward(batch, scores);
      for (int p = 0; p < inBatch; p++) total += coefficients(p * group);
      model.step(batch, coef, lr, reg);
    }
    return positives == 0 ? Double.NaN : total / positives;
  }

  /** Fills the loss's derivatives by score for the positive at row {@code first} and its negatives; returns their loss. */
  private double coefficients(int first) {
    double total = 0;
    float si = scores[first];
    if (loss == PairLoss.BPR) {
      // −ln σ(s_i − s_j) per negative j: d/dx of −ln σ(x) is −σ(−x), + for s_j and − for s_i.
      float sum = 0;
      for (int n = 1; n <= negatives; n++) {
        float x = si - scores[first + n];
        float g = sigmoid(-x);
        total += softplus(-x);
        coef[first + n] = g;
        sum += g;
      }
      coef[first] = -sum;
    } else {
      total += softplus(-si);
      coef[first] = -sigmoid(-si);
      for (int n = 1; n <= negatives; n++) {
        float sj = scores[first + n];
        total += softplus(sj);
        coef[first + n] = sigmoid(sj);
      }
    }
    return total;
  }

  /** A uniformly drawn item the user has not seen (the caller ensures one exists). */
  private int negative(int user, int numItems) {
    while (true) {
      int j = rng.nextInt(numItems);
      if (Arrays.binarySearch(seenSorted[user], j) < 0) return j;
    }
  }

  private static float sigmoid(float z) {
    return (float) (1 / (1 + Math.exp(-z)));
  }

  private static double softplus(double z) {
    return z > 30 ? z : Math.log1p(Math.exp(z));
  }
}
