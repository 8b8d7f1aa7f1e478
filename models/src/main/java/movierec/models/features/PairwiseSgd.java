package movierec.models.features;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;

/**
 * The training loop shared by the feature-based families: per epoch as many positives as interactions,
 * drawn uniformly (bootstrap, as in BPR's LearnBPR), each with sampled unwatched items, and an SGD step
 * per pair. One thread in the order drawn from the seed, so a seed fixes the result.
 */
public final class PairwiseSgd {
  private final Interactions train;
  private final PairLoss loss;
  private final int negatives;
  private final SplittableRandom rng;
  private final int[][] seenSorted;
  private final int[] userOfEntry;

  public PairwiseSgd(Interactions train, PairLoss loss, int negatives, SplittableRandom rng) {
    this.train = train;
    this.loss = loss;
    this.negatives = negatives;
    this.rng = rng;
    seenSorted = train.sortedItemSets();
    userOfEntry = new int[train.size()];
    for (int u = 0; u < train.numUsers(); u++) Arrays.fill(userOfEntry, train.start(u), train.end(u), u);
  }

  /** One epoch of steps on {@code model}; returns the mean loss per sampled positive. */
  public double epoch(PairScorer model, float lr, float reg) {
    int numItems = train.numItems();
    double total = 0;
    long positives = 0;
    for (int s = 0; s < train.size(); s++) {
      int entry = rng.nextInt(train.size());
      int u = userOfEntry[entry];
      int i = train.item(entry);
      if (seenSorted[u].length == numItems) continue;
      positives++;
      if (loss == PairLoss.BPR) {
        for (int n = 0; n < negatives; n++) {
          int j = negative(u, numItems);
          float x = model.score(u, i) - model.score(u, j);
          // d/dx of −ln σ(x) is −σ(−x); both scores' steps use it, computed before either.
          float g = sigmoid(-x);
          total += softplus(-x);
          model.step(u, i, -g, lr, reg);
          model.step(u, j, g, lr, reg);
        }
      } else {
        float si = model.score(u, i);
        total += softplus(-si);
        model.step(u, i, -sigmoid(-si), lr, reg);
        for (int n = 0; n < negatives; n++) {
          int j = negative(u, numItems);
          float sj = model.score(u, j);
          total += softplus(sj);
          model.step(u, j, sigmoid(sj), lr, reg);
        }
      }
    }
    return positives == 0 ? Double.NaN : total / positives;
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
