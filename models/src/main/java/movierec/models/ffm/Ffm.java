package movierec.models.ffm;

import static movierec.models.features.ItemFeatures.FIELDS;
import static movierec.models.features.ItemFeatures.USER;

import java.util.SplittableRandom;
import movierec.core.model.TrainContext;
import movierec.models.features.FeatureTable;
import movierec.models.features.ItemFeatures;
import movierec.models.features.PairLoss;
import movierec.models.features.PairScorer;
import movierec.models.features.PairwiseSgd;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;

/**
 * FFM: Y. Juan, Y. Zhuang, W.-S. Chin, C.-J. Lin, "Field-aware Factorization Machines for CTR
 * Prediction", RecSys 2016. Like FM over {@link ItemFeatures}, but a feature has one embedding per field
 * and meets a feature of field F with its F-embedding: s(u, i) = w_u + Σ_g x_g w_g + Σ_{f<g} ⟨v_{f,F(g)},
 * v_{g,F(f)}⟩ x_f x_g. A user's taste in genres and in directors are then separate vectors rather than
 * one compromise. Trained with AdaGrad as in the paper, for ranking by {@link PairwiseSgd}.
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
  private float[] grad;

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
    grad = table.newGradient();
    sgd = new PairwiseSgd(ctx.train(), PairLoss.of(params.loss()), params.negatives(), rng.split());
  }

  @Override
  protected double trainEpoch(int epoch) {
    double loss = sgd.epoch(pairs(), (float) params.learningRate(), (float) params.regularization());
    factors = scoringFactors();
    return loss;
  }

  /** The pair score and its step, for the training loop and the gradient check. */
  PairScorer pairs() {
    return new PairScorer() {
      @Override
      public float score(int user, int item) {
        float[] v = table.values();
        int k = params.factors();
        int uo = user * table.width();
        ItemFeatures fs = table.features();
        float s = v[uo + table.width() - 1] + itemOwn(item);
        for (int e = fs.start(item); e < fs.end(item); e++) {
          s += fs.weight(e) * dot(v, uo + fs.field(e) * k, fs.feature(e) * table.width() + USER * k, k);
        }
        return s;
      }

      @Override
      public void step(int user, int item, float coef, float lr, float reg) {
        addGradient(user, item, coef);
        table.apply(user, item, grad, lr, reg);
      }
    };
  }

  /** Adds coef × ∂s(u, i)/∂θ to the pair's gradient buffer. */
  private void addGradient(int user, int item, float coef) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int k = params.factors();
    int w = table.width();
    int uo = user * w;
    grad[w - 1] += coef;
    for (int e = fs.start(item), r = 1; e < fs.end(item); e++, r++) {
      int go = fs.feature(e) * w;
      int field = fs.field(e);
      float x = fs.weight(e);
      int gr = r * w;
      grad[gr + w - 1] += coef * x;
      // User-item pair: ⟨v_{u,F(g)}, v_{g,user}⟩ x_g.
      for (int d = 0; d < k; d++) {
        grad[field * k + d] += coef * x * v[go + USER * k + d];
        grad[gr + USER * k + d] += coef * x * v[uo + field * k + d];
      }
      // The item's own pairs: ⟨v_{g,F(h)}, v_{h,F(g)}⟩ x_g x_h.
      for (int e2 = e + 1, r2 = r + 1; e2 < fs.end(item); e2++, r2++) {
        int ho = fs.feature(e2) * w;
        int field2 = fs.field(e2);
        float c = coef * x * fs.weight(e2);
        int hr = r2 * w;
        for (int d = 0; d < k; d++) {
          grad[gr + field2 * k + d] += c * v[ho + field * k + d];
          grad[hr + field * k + d] += c * v[go + field2 * k + d];
        }
      }
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
    float s = 0;
    for (int d = 0; d < k; d++) s += v[a + d] * v[b + d];
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
        int io = i * sw;
        for (int e = fs.start(i); e < fs.end(i); e++) {
          int slot = io + (fs.field(e) - 1) * k;
          int go = fs.feature(e) * w + USER * k;
          float x = fs.weight(e);
          for (int d = 0; d < k; d++) items[slot + d] += x * v[go + d];
        }
        items[io + sw - 1] = itemOwn(i);
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
