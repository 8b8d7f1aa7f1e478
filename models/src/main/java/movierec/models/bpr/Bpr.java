package movierec.models.bpr;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.model.TrainContext;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;

/**
 * BPR-MF: S. Rendle, C. Freudenthaler, Z. Gantner, L. Schmidt-Thieme, "BPR: Bayesian Personalized
 * Ranking from Implicit Feedback", UAI 2009. Matrix factorization with an item bias, fitted by SGD on
 * sampled (user, watched item, unwatched item) triples to rank the watched one higher.
 *
 * <p>The item bias is the last item factor, paired with a user factor fixed at 1 (never updated), so
 * scoring is a plain dot product. Sampling and updates run on one thread in the order drawn from the
 * seed, so a seed fixes the result.
 */
public final class Bpr extends FactorModel {
  private static final String FORMAT = "movierec.bpr.v1";
  /** Initial factor scale: large enough to break symmetry, small next to the learned values. */
  private static final double INIT_STD = 0.1;

  private final BprParams params;
  private Interactions train;
  private int[][] seenSorted;
  private int[] userOfEntry;
  private SplittableRandom rng;

  public Bpr(BprParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected int width() {
    return params.factors() + 1;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    train = ctx.train();
    seenSorted = train.sortedItemSets();
    userOfEntry = new int[train.size()];
    for (int u = 0; u < train.numUsers(); u++) Arrays.fill(userOfEntry, train.start(u), train.end(u), u);
    rng = new SplittableRandom(ctx.seed());
    int k = params.factors() + 1;
    factors = Factors.gaussian(train.numUsers(), train.numItems(), k, INIT_STD, rng.split());
    float[] users = factors.users();
    float[] items = factors.items();
    for (int u = 0; u < train.numUsers(); u++) users[u * k + k - 1] = 1f;
    for (int i = 0; i < train.numItems(); i++) items[i * k + k - 1] = 0f;
  }

  @Override
  protected double trainEpoch(int epoch) {
    int k = params.factors() + 1;
    int latent = k - 1;
    float lr = (float) params.learningRate();
    float reg = (float) params.regularization();
    float[] users = factors.users();
    float[] items = factors.items();
    float[] userCopy = new float[latent];
    int numItems = train.numItems();
    double loss = 0;
    long steps = 0;
    for (int s = 0; s < train.size(); s++) {
      // Uniform over interactions, as in Rendle's LearnBPR (bootstrap sampling, not a shuffle).
      int entry = rng.nextInt(train.size());
      int u = userOfEntry[entry];
      int i = train.item(entry);
      if (seenSorted[u].length == numItems) continue;
      int uo = u * k;
      int io = i * k;
      for (int n = 0; n < params.negatives(); n++) {
        int j = negative(u, numItems);
        int jo = j * k;
        float x = 0;
        for (int f = 0; f < k; f++) x += users[uo + f] * (items[io + f] - items[jo + f]);
        // d/dx of ln σ(x) is σ(−x).
        float g = (float) (1 / (1 + Math.exp(x)));
        loss += softplus(-x);
        steps++;
        System.arraycopy(users, uo, userCopy, 0, latent);
        for (int f = 0; f < latent; f++) {
          users[uo + f] += lr * (g * (items[io + f] - items[jo + f]) - reg * users[uo + f]);
          items[io + f] += lr * (g * userCopy[f] - reg * items[io + f]);
          items[jo + f] += lr * (-g * userCopy[f] - reg * items[jo + f]);
        }
        items[io + latent] += lr * (g - reg * items[io + latent]);
        items[jo + latent] += lr * (-g - reg * items[jo + latent]);
      }
    }
    return steps == 0 ? Double.NaN : loss / steps;
  }

  /** A uniformly drawn item the user has not seen (the caller ensures one exists). */
  private int negative(int user, int numItems) {
    while (true) {
      int j = rng.nextInt(numItems);
      if (Arrays.binarySearch(seenSorted[user], j) < 0) return j;
    }
  }

  private static double softplus(double z) {
    return z > 30 ? z : Math.log1p(Math.exp(z));
  }
}
