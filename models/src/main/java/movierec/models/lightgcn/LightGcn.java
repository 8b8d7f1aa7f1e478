package movierec.models.lightgcn;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.model.TrainContext;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;
import movierec.models.linalg.ItemUsers;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.RowMath;
import movierec.models.nn.NeuralModel;

/**
 * LightGCN: X. He, K. Deng, X. Wang, Y. Li, Y. Zhang, M. Wang, "LightGCN: Simplifying and Powering Graph
 * Convolution Network for Recommendation", SIGIR 2020. Base factors E⁰ of users and items are
 * propagated over the user-item graph's normalized adjacency Â = D^−½ A D^−½, E^(l+1) = Â E^l, and
 * averaged over layers: E = M E⁰ with M = (1/(K+1)) Σ_{l=0..K} Â^l. A score is e_u · e_i. Trained with
 * BPR loss plus L2 on the batch's base factors, by Adam.
 *
 * <p>Gradients are written by hand: the propagation is linear and Â is symmetric, so M is too, and the
 * gradient with respect to E⁰ is M applied to the gradient with respect to E. Propagation runs in
 * parallel by rows over the adjacency's CSR, each row summed in a fixed order; sampling is sequential
 * from the seed; so a seed fixes the result.
 */
public final class LightGcn extends FactorModel {
  private static final String FORMAT = "movierec.lightgcn.v1";
  /** Initial embedding scale, as in the authors' code (normal, std 0.1). */
  private static final double INIT_STD = 0.1;
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float ADAM_EPS = 1e-8f;

  private final LightGcnParams params;
  private Interactions train;
  private int[][] seenSorted;
  private int[] userOfEntry;
  private SplittableRandom rng;
  private int numUsers;
  private int nodes;
  /** Â in CSR over nodes: users 0 .. numUsers−1, then items. */
  private int[] adjOffsets;
  private int[] adjCols;
  private float[] adjValues;
  /** E⁰, nodes × factors; the only trained parameters. */
  private float[] base;
  private float[] adamM;
  private float[] adamV;
  private int adamStep;
  /** Scratch, nodes × factors each: propagation layers, gradients. */
  private float[] layer;
  private float[] nextLayer;
  private float[] combined;
  private float[] gradCombined;
  private float[] gradBase;
  /** The layer-combined factors after the latest epoch: what scores (a fresh object per epoch). */

  public LightGcn(LightGcnParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected int width() {
    return params.factors();
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
    numUsers = train.numUsers();
    nodes = numUsers + train.numItems();
    buildAdjacency();
    int size = nodes * params.factors();
    base = Factors.gaussian(size, INIT_STD, rng.split());
    adamM = new float[size];
    adamV = new float[size];
    adamStep = 0;
    layer = new float[size];
    nextLayer = new float[size];
    combined = new float[size];
    gradCombined = new float[size];
    gradBase = new float[size];
  }

  /** Â: a user-item edge weighs 1/√(deg u · deg i) in both directions. */
  private void buildAdjacency() {
    ItemUsers byItem = ItemUsers.of(train);
    adjOffsets = new int[nodes + 1];
    for (int u = 0; u < numUsers; u++) adjOffsets[u + 1] = adjOffsets[u] + train.length(u);
    for (int i = 0; i < train.numItems(); i++) adjOffsets[numUsers + i + 1] = adjOffsets[numUsers + i] + byItem.end(i) - byItem.start(i);
    adjCols = new int[adjOffsets[nodes]];
    adjValues = new float[adjCols.length];
    for (int u = 0; u < numUsers; u++) {
      for (int e = train.start(u), c = adjOffsets[u]; e < train.end(u); e++, c++) adjCols[c] = numUsers + train.item(e);
    }
    for (int i = 0; i < train.numItems(); i++) {
      for (int e = byItem.start(i), c = adjOffsets[numUsers + i]; e < byItem.end(i); e++, c++) adjCols[c] = byItem.user(e);
    }
    for (int r = 0; r < nodes; r++) {
      for (int c = adjOffsets[r]; c < adjOffsets[r + 1]; c++) {
        int col = adjCols[c];
        adjValues[c] = (float) (1 / Math.sqrt((double) (adjOffsets[r + 1] - adjOffsets[r]) * (adjOffsets[col + 1] - adjOffsets[col])));
      }
    }
  }

  @Override
  protected double trainEpoch(int epoch) {
    int samples = train.size();
    int batch = NeuralModel.batchSizeFor(params.batchSize(), samples);
    int[] users = new int[batch];
    int[] pos = new int[batch];
    int[] neg = new int[batch];
    double loss = 0;
    long counted = 0;
    for (int done = 0; done < samples; done += batch) {
      int count = 0;
      for (int s = 0; s < Math.min(batch, samples - done); s++) {
        // Uniform over interactions with a uniform unwatched item, as in BPR.
        int entry = rng.nextInt(samples);
        int u = userOfEntry[entry];
        if (seenSorted[u].length == train.numItems()) continue;
        users[count] = u;
        pos[count] = train.item(entry);
        neg[count++] = negative(u);
      }
      if (count == 0) continue;
      loss += lossAndGradient(users, pos, neg, count, gradBase) * count;
      counted += count;
      adam(gradBase);
    }
    propagate(base, combined);
    int k = params.factors();
    factors = new Factors(numUsers, train.numItems(), k, Arrays.copyOf(combined, numUsers * k), Arrays.copyOfRange(combined, numUsers * k, nodes * k));
    return counted == 0 ? Double.NaN : loss / counted;
  }

  /**
   * The mean over the {@code count} triples of BPR's −ln σ(e_u·(e_i − e_j)) plus (regularization / 2) ×
   * the squared norms of their base factors, at the current E⁰; writes its gradient with respect to
   * E⁰ into {@code grad} (nodes × factors).
   */
  double lossAndGradient(int[] users, int[] pos, int[] neg, int count, float[] grad) {
    int k = params.factors();
    float reg = (float) params.regularization();
    propagate(base, combined);
    Arrays.fill(gradCombined, 0f);
    double loss = 0;
    for (int b = 0; b < count; b++) {
      int uo = users[b] * k;
      int io = (numUsers + pos[b]) * k;
      int jo = (numUsers + neg[b]) * k;
      float x = 0;
      for (int f = 0; f < k; f++) x += combined[uo + f] * (combined[io + f] - combined[jo + f]);
      loss += softplus(-x);
      // d/dx of −ln σ(x) is −σ(−x).
      float g = (float) (-1 / (1 + Math.exp(x))) / count;
      for (int f = 0; f < k; f++) {
        float eu = combined[uo + f];
        gradCombined[uo + f] += g * (combined[io + f] - combined[jo + f]);
        gradCombined[io + f] += g * eu;
        gradCombined[jo + f] -= g * eu;
      }
    }
    // M is symmetric: the gradient flows back through the same propagation.
    propagate(gradCombined, grad);
    double norms = 0;
    for (int b = 0; b < count; b++) {
      for (int node : new int[] {users[b], numUsers + pos[b], numUsers + neg[b]}) {
        int o = node * k;
        for (int f = 0; f < k; f++) {
          norms += base[o + f] * base[o + f];
          grad[o + f] += reg * base[o + f] / count;
        }
      }
    }
    return loss / count + reg / 2 * norms / count;
  }

  /** {@code out = M in = (1/(K+1)) Σ_{l=0..K} Â^l in}, for nodes × factors matrices. */
  private void propagate(float[] in, float[] out) {
    int k = params.factors();
    float scale = 1f / (params.layers() + 1);
    System.arraycopy(in, 0, out, 0, out.length);
    float[] current = in;
    int[] offsets = adjOffsets;
    int[] cols = adjCols;
    float[] values = adjValues;
    for (int l = 0; l < params.layers(); l++) {
      float[] src = current;
      float[] dst = src == layer ? nextLayer : layer;
      Parallel.forRange(nodes, 256, (from, to) -> {
        float[] row = new float[k];
        for (int r = from; r < to; r++) {
          // Accumulating in a small local row keeps the inner loop to one streamed operand.
          Arrays.fill(row, 0f);
          for (int c = offsets[r]; c < offsets[r + 1]; c++) RowMath.axpy(values[c], src, cols[c] * k, row, 0, k);
          int o = r * k;
          System.arraycopy(row, 0, dst, o, k);
          for (int f = 0; f < k; f++) out[o + f] += row[f];
        }
      });
      current = dst;
    }
    for (int i = 0; i < out.length; i++) out[i] *= scale;
  }

  /** One Adam step on E⁰ (Kingma and Ba 2015, bias-corrected). */
  private void adam(float[] grad) {
    adamStep++;
    float lr = (float) (params.learningRate() * Math.sqrt(1 - Math.pow(BETA2, adamStep)) / (1 - Math.pow(BETA1, adamStep)));
    Parallel.forRange(base.length, 4096, (from, to) -> {
      for (int i = from; i < to; i++) {
        float g = grad[i];
        adamM[i] = BETA1 * adamM[i] + (1 - BETA1) * g;
        adamV[i] = BETA2 * adamV[i] + (1 - BETA2) * g * g;
        base[i] -= lr * adamM[i] / ((float) Math.sqrt(adamV[i]) + ADAM_EPS);
      }
    });
  }

  /** A uniformly drawn item the user has not seen (the caller ensures one exists). */
  private int negative(int user) {
    while (true) {
      int j = rng.nextInt(train.numItems());
      if (Arrays.binarySearch(seenSorted[user], j) < 0) return j;
    }
  }

  private static double softplus(double z) {
    return z > 30 ? z : Math.log1p(Math.exp(z));
  }

  /** E⁰, for the gradient check. */
  float[] baseEmbeddings() {
    return base;
  }

  @Override
  protected Factors snapshot() {
    // Each epoch builds a new Factors and never changes it afterwards, so the reference is the snapshot.
    // They are the layer-combined embeddings, all that scoring and the model file need.
    return factors;
  }
}
