package movierec.models.ffm;

import static movierec.models.features.ItemFeatures.FIELDS;
import static movierec.models.features.ItemFeatures.USER;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.model.TrainContext;
import movierec.models.features.FeatureTable;
import movierec.models.features.ItemFeatures;
import movierec.models.features.BatchScorer;
import movierec.models.features.PairBatch;
import movierec.models.features.PairLoss;
import movierec.models.features.PairwiseSgd;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;

/**
 * FFM: Y. Juan, Y. Zhuang, W.-S. Chin, C.-J. Lin, "Field-aware Factorization Machines for CTR
 * Prediction", RecSys 2016. Like FM over {@link ItemFeatures}, but a feature has one embedding per field
 * and meets a feature of field F with its F-embedding: s(u, i) = w_u + Σ_g x_g w_g + Σ_{f<g} ⟨v_{f,F(g)},
 * v_{g,F(f)}⟩ x_f x_g. A user's taste in genres and in directors are then separate vectors rather than
 * one compromise. Trained with AdaGrad as in the paper, for ranking by {@link PairwiseSgd}: per batch
 * each distinct item's t_{i,F} (below) and own terms are computed once, and its rows' gradients summed
 * into its features once.
 *
 * <p>A feature's row holds its FIELDS embeddings of {@code factors} then its weight (a user's own
 * user-field embedding is never read: one layout for every row keeps the step code shared). The user-item terms
 * are Σ_F ⟨v_{u,F}, t_{i,F}⟩ with t_{i,F} = Σ_{g ∈ F} x_g v_{g,user}: after each epoch the t_{i,F} and the
 * item's own terms are precomputed, and scoring is a matrix factorization of width 5 × factors + 1.
 */
public final class Ffm extends FactorModel {
  private static final String FORMAT = "movierec.ffm.v1";
  /** Initial embedding scale: breaks symmetry, small next to the learned values. */
  private static final double INIT_STD = 0.01;
  /** Fields an item has: all but the user's. */
  private static final int ITEM_FIELDS = FIELDS - 1;

  private final FfmParams params;
  private FeatureTable table;
  private PairwiseSgd sgd;
  /** Per slot of the last forward's batch: t_{i,F} (ITEM_FIELDS × factors each) and own terms; the step's sums. */
  private float[] slotT = new float[0];
  private float[] slotOwn = new float[0];
  private float[] slotCoef = new float[0];
  private float[] slotUser = new float[0];

  public Ffm(FfmParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected int width() {
    return ITEM_FIELDS * params.factors() + 1;
  }

  @Override
  protected int requestedEpochs() {
    return params.epochs();
  }

  @Override
  protected void initialize(TrainContext ctx) {
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    ItemFeatures features = ItemFeatures.of(ctx.train().numUsers(), ctx.train().numItems(), ctx.side());
    int w = FIELDS * params.factors() + 1;
    float[] values = Factors.gaussian(features.numFeatures() * w, INIT_STD, rng.split());
    for (int f = 0; f < features.numFeatures(); f++) values[f * w + w - 1] = 0f;
    table = new FeatureTable(features, w, values);
    sgd = new PairwiseSgd(ctx.train(), PairLoss.of(params.loss()), params.negatives(), params.batchSize(), rng.split());
  }

  @Override
  protected double trainEpoch(int epoch) {
    double loss = sgd.epoch(pairs(), (float) params.learningRate(), (float) params.regularization());
    factors = scoringFactors();
    return loss;
  }

  /** The batch scores and their step, for the training loop and the gradient check. */
  BatchScorer pairs() {
    return new BatchScorer() {
      @Override
      public void forward(PairBatch batch, float[] scores) {
        Ffm.this.forward(batch, scores);
      }

      @Override
      public void step(PairBatch batch, float[] coef, float lr, float reg) {
        addGradient(batch, coef);
        table.apply(lr, reg);
      }
    };
  }

  /** s(u, i) = w_u + own_i + Σ_F ⟨v_{u,F}, t_{i,F}⟩ per row, the item parts once per slot. */
  private void forward(PairBatch batch, float[] scores) {
    int k = params.factors();
    int w = table.width();
    int tw = ITEM_FIELDS * k;
    if (slotOwn.length < batch.numSlots()) {
      slotT = new float[batch.capacity() * tw];
      slotOwn = new float[batch.capacity()];
      slotCoef = new float[batch.capacity()];
      slotUser = new float[batch.capacity() * tw];
    }
    float[] v = table.values();
    Parallel.forRange(batch.numSlots(), 32, (from, to) -> {
      for (int s = from; s < to; s++) {
        int item = batch.slotItem(s);
        itemT(item, slotT, s * tw);
        slotOwn[s] = itemOwn(item);
      }
    });
    Parallel.forRange(batch.size(), 256, (from, to) -> {
      for (int r = from; r < to; r++) {
        int uo = batch.user(r) * w;
        // The user's item-field embeddings ITEM..YEAR follow its USER = 0 one: one contiguous run.
        scores[r] = v[uo + w - 1] + slotOwn[batch.slot(r)] + dot(v, uo + k, slotT, batch.slot(r) * tw, tw);
      }
    });
  }

  /** Adds Σ_r coef_r ∂s_r/∂θ of the last forward's batch to the table's gradient. */
  private void addGradient(PairBatch batch, float[] coef) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    float[] grad = table.gradient();
    int k = params.factors();
    int w = table.width();
    int tw = ITEM_FIELDS * k;
    // ∂s/∂v_{u,F} = t_{i,F}, ∂s/∂w_u = 1.
    for (int r = 0; r < batch.size(); r++) {
      int go = table.touch(batch.user(r));
      int to = batch.slot(r) * tw;
      float c = coef[r];
      for (int j = 0; j < tw; j++) grad[go + k + j] += c * slotT[to + j];
      grad[go + w - 1] += c;
    }
    batch.slotSums(coef, v, w, k, tw, slotCoef, slotUser);
    for (int s = 0; s < batch.numSlots(); s++) {
      int item = batch.slotItem(s);
      float c = slotCoef[s];
      for (int e = fs.start(item); e < fs.end(item); e++) {
        int go = table.touch(fs.feature(e));
        int field = fs.field(e);
        float x = fs.weight(e);
        grad[go + w - 1] += c * x;
        // User-item pairs over the slot's rows: Σ_r coef_r x_g v_{u_r,F(g)}.
        int uo = s * tw + (field - 1) * k;
        for (int d = 0; d < k; d++) grad[go + USER * k + d] += x * slotUser[uo + d];
        // The item's own pairs ⟨v_{g,F(h)}, v_{h,F(g)}⟩ x_g x_h, once per row of the slot.
        for (int e2 = e + 1; e2 < fs.end(item); e2++) {
          int ho = table.touch(fs.feature(e2));
          int field2 = fs.field(e2);
          float cx = c * x * fs.weight(e2);
          for (int d = 0; d < k; d++) {
            grad[go + field2 * k + d] += cx * v[ho + field * k + d];
            grad[ho + field * k + d] += cx * v[go + field2 * k + d];
          }
        }
      }
    }
  }

  /** Writes t_{i,F} = Σ_{g ∈ F} x_g v_{g,user} for F = ITEM..YEAR into {@code out[at ..)}. */
  private void itemT(int item, float[] out, int at) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int k = params.factors();
    int w = table.width();
    Arrays.fill(out, at, at + ITEM_FIELDS * k, 0f);
    for (int e = fs.start(item); e < fs.end(item); e++) {
      int slot = at + (fs.field(e) - 1) * k;
      int go = fs.feature(e) * w + USER * k;
      float x = fs.weight(e);
      for (int d = 0; d < k; d++) out[slot + d] += x * v[go + d];
    }
  }

  /** The terms of s(u, i) without the user: Σ x_g w_g + Σ_{g<h} ⟨v_{g,F(h)}, v_{h,F(g)}⟩ x_g x_h. */
  private float itemOwn(int item) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int k = params.factors();
    int w = table.width();
    float s = 0;
    for (int e = fs.start(item); e < fs.end(item); e++) {
      int go = fs.feature(e) * w;
      s += fs.weight(e) * v[go + w - 1];
      for (int e2 = e + 1; e2 < fs.end(item); e2++) {
        int ho = fs.feature(e2) * w;
        s += fs.weight(e) * fs.weight(e2) * dot(v, go + fs.field(e2) * k, ho + fs.field(e) * k, k);
      }
    }
    return s;
  }

  private static float dot(float[] v, int a, int b, int k) {
    return dot(v, a, v, b, k);
  }

  private static float dot(float[] x, int a, float[] y, int b, int k) {
    float s = 0;
    for (int d = 0; d < k; d++) s += x[a + d] * y[b + d];
    return s;
  }

  /**
   * User rows [v_{u,item}, v_{u,genre}, ..., v_{u,year}, 1], item rows [t_{i,item}, ..., t_{i,year}, own
   * terms]. w_u is left out: a per-user constant changes no ranking.
   */
  private Factors scoringFactors() {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int k = params.factors();
    int w = table.width();
    int sw = width();
    float[] users = new float[fs.numUsers() * sw];
    for (int u = 0; u < fs.numUsers(); u++) {
      // Fields ITEM..YEAR follow USER = 0 in the row, so they are one contiguous run.
      System.arraycopy(v, u * w + k, users, u * sw, ITEM_FIELDS * k);
      users[u * sw + sw - 1] = 1f;
    }
    float[] items = new float[fs.numItems() * sw];
    Parallel.forRange(fs.numItems(), 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        itemT(i, items, i * sw);
        items[i * sw + sw - 1] = itemOwn(i);
      }
    });
    return new Factors(fs.numUsers(), fs.numItems(), sw, users, items);
  }

  /** The live parameter table, for the gradient check. */
  float[] parameters() {
    return table.values();
  }

  @Override
  protected Factors snapshot() {
    // Each epoch builds new scoring factors and never changes them afterwards.
    return factors;
  }
}
