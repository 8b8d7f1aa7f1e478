package movierec.models.fism;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.model.IterativeModel;
import movierec.core.model.TrainContext;
import movierec.models.linalg.ArrayIO;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Products;

/**
 * FISM: S. Kabbur, X. Ning, G. Karypis, "FISM: Factored Item Similarity Models for Top-N Recommender
 * Systems", KDD 2013. An item-item model whose similarity is factored, sim(j, i) = p_j · q_i, so that
 * items never watched together still get a similarity. A user's score for item i is
 * b_i + n^−α Σ_{j ∈ history, j ≠ i} p_j · q_i.
 *
 * <p>This is the paper's FISMauc: for a watched i and a sampled unwatched j it fits the score difference
 * to 1 by squared loss, a ranking objective. FISMrmse instead regresses sampled zeros and ones pointwise;
 * for top-N on implicit data the pairwise loss optimizes the order directly, needs no tuning of the ratio
 * of sampled zeros and shares BPR's sampling, so it is the variant kept here.
 *
 * <p>SGD goes user by user in a seeded shuffled order on one thread, so a seed fixes the result. Within a
 * user, the history embeddings p_j are updated once after all the user's watched items (their exact
 * gradient at the user's start): per-item updates would cost the history length for every item, i.e.
 * the sum of squared history lengths per epoch (10⁹ × factors at the competition's scale).
 */
public final class Fism extends IterativeModel<Fism.State> {
  private static final String FORMAT = "movierec.fism.v1";
  /** Initial embedding scale: breaks symmetry, small next to the learned values. */
  private static final double INIT_STD = 0.01;

  /**
   * The learned tables: p (numItems × k, history side) and qb (numItems × (k + 1): the target-side
   * embedding with the item bias as its last column, so a score is one dot product with [x_u, 1]).
   */
  record State(float[] p, float[] qb) {
    State copy() {
      return new State(p.clone(), qb.clone());
    }
  }

  private final FismParams params;
  private Interactions history;
  private int[][] seenSorted;
  private int[] order;
  private State state;
  private SplittableRandom rng;

  public Fism(FismParams params) {
    this.params = params;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    history = ctx.train();
    seenSorted = history.sortedItemSets();
    int n = history.numItems();
    int k = params.factors();
    rng = new SplittableRandom(ctx.seed());
    float[] p = Factors.gaussian(n * k, INIT_STD, rng.split());
    float[] q = Factors.gaussian(n * k, INIT_STD, rng.split());
    float[] qb = new float[n * (k + 1)];
    for (int i = 0; i < n; i++) System.arraycopy(q, i * k, qb, i * (k + 1), k);
    state = new State(p, qb);
    order = new int[history.numUsers()];
    for (int u = 0; u < order.length; u++) order[u] = u;
  }

  @Override
  protected double trainEpoch(int epoch) {
    int k = params.factors();
    int kb = k + 1;
    int numItems = history.numItems();
    float lr = (float) params.learningRate();
    float reg = (float) params.regularization();
    float biasReg = (float) params.biasRegularization();
    float[] p = state.p();
    float[] qb = state.qb();
    float[] sum = new float[k];
    float[] x = new float[k];
    float[] total = new float[k];
    float[] perItem = new float[maxLength() * k];
    shuffle(order);
    double loss = 0;
    long pairs = 0;
    for (int u : order) {
      int s = history.start(u);
      int len = history.length(u);
      // One item leaves an empty context; a user who saw everything has no negatives.
      if (len < 2 || len == numItems) continue;
      float scale = (float) Math.pow(len - 1, -params.alpha());
      Arrays.fill(sum, 0f);
      for (int e = s; e < s + len; e++) {
        int po = history.item(e) * k;
        for (int f = 0; f < k; f++) sum[f] += p[po + f];
      }
      Arrays.fill(total, 0f);
      for (int t = 0; t < len; t++) {
        int i = history.item(s + t);
        int io = i * kb;
        int po = i * k;
        int to = t * k;
        for (int f = 0; f < k; f++) {
          x[f] = scale * (sum[f] - p[po + f]);
          perItem[to + f] = 0f;
        }
        for (int m = 0; m < params.negatives(); m++) {
          int jo = negative(u, numItems) * kb;
          float diff = qb[io + k] - qb[jo + k];
          for (int f = 0; f < k; f++) diff += (qb[io + f] - qb[jo + f]) * x[f];
          // Squared loss on the pairwise difference, target 1; e is the residual.
          float err = 1f - diff;
          loss += err * err;
          pairs++;
          for (int f = 0; f < k; f++) {
            float qi = qb[io + f];
            float qj = qb[jo + f];
            perItem[to + f] += err * (qi - qj);
            qb[io + f] = qi + lr * (err * x[f] - reg * qi);
            qb[jo + f] = qj + lr * (-err * x[f] - reg * qj);
          }
          qb[io + k] += lr * (err - biasReg * qb[io + k]);
          qb[jo + k] += lr * (-err - biasReg * qb[jo + k]);
        }
        for (int f = 0; f < k; f++) total[f] += perItem[to + f];
      }
      // p_j was in the context of every watched item but itself.
      for (int t = 0; t < len; t++) {
        int po = history.item(s + t) * k;
        int to = t * k;
        for (int f = 0; f < k; f++) p[po + f] += lr * (scale * (total[f] - perItem[to + f]) - reg * p[po + f]);
      }
    }
    return pairs == 0 ? Double.NaN : loss / pairs;
  }

  private int maxLength() {
    int m = 0;
    for (int u = 0; u < history.numUsers(); u++) m = Math.max(m, history.length(u));
    return m;
  }

  /** Fisher–Yates with the model's generator. */
  private void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  /** A uniformly drawn item the user has not seen (the caller ensures one exists). */
  private int negative(int user, int numItems) {
    while (true) {
      int j = rng.nextInt(numItems);
      if (Arrays.binarySearch(seenSorted[user], j) < 0) return j;
    }
  }

  @Override
  protected State snapshot() {
    return state.copy();
  }

  @Override
  protected void restore(State snapshot) {
    state = snapshot;
  }

  @Override
  public void score(int[] users, float[] out) {
    int k = params.factors();
    int kb = k + 1;
    int numItems = history.numItems();
    float[] sums = new float[users.length * k];
    Products.sumRows(history, users, state.p(), k, sums);
    // [n^−α Σ p_j, 1] per user; an unwatched item is never in its own context, so no exclusion here.
    float[] userRows = new float[users.length * kb];
    for (int b = 0; b < users.length; b++) {
      int len = history.length(users[b]);
      float scale = len == 0 ? 0f : (float) Math.pow(len, -params.alpha());
      for (int f = 0; f < k; f++) userRows[b * kb + f] = scale * sums[b * k + f];
      userRows[b * kb + k] = 1f;
    }
    int[] rows = new int[users.length];
    for (int b = 0; b < rows.length; b++) rows[b] = b;
    Products.factorScores(userRows, rows, kb, Products.transpose(state.qb(), numItems, kb), numItems, out);
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return FORMAT;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    ArrayIO.writer(out, FORMAT).writeInt(params.factors()).writeFloats(state.p()).writeFloats(state.qb()).writeHistories(history).finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, FORMAT);
    io.readInt(params.factors(), "factors");
    state = new State(io.readFloats(), io.readFloats());
    history = io.readHistories();
    int n = history.numItems();
    if (state.p().length != n * params.factors() || state.qb().length != n * (params.factors() + 1)) throw new IOException("inconsistent FISM model file");
  }
}
