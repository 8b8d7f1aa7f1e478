package movierec.models.features;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;

/**
 * The factorization machine of S. Rendle, "Factorization Machines", ICDM 2010, over {@link ItemFeatures}:
 * s(u, i) = w_u + Σ_f x_f w_f + Σ_{f<g} ⟨v_f, v_g⟩ x_f x_g, the sums over the user's feature and the
 * item's. Each feature's row in the table is [v_f, w_f] (width k + 1). Used by FM alone and as DeepFM's
 * wide part; trained on {@link PairBatch}es, each item's sums computed once per batch.
 *
 * <p>With S_i = Σ_{f ∈ item} x_f v_f the pair terms split into ⟨v_u, S_i⟩ plus the item's own pairs,
 * ½(|S_i|² − Σ x_f² |v_f|²) (Rendle's O(kn) identity), so ranking all items for a user is one dot
 * product per item, as for a matrix factorization.
 */
public final class FmPart {
  private final FeatureTable table;
  private final int k;
  /** Per slot of the last forward's batch: S_i (k each) and the item's own terms; then the step's sums. */
  private float[] slotSum = new float[0];
  private float[] slotOwn = new float[0];
  private float[] slotCoef = new float[0];
  private float[] slotUser = new float[0];

  private FmPart(FeatureTable table) {
    this.table = table;
    this.k = table.width() - 1;
  }

  /** Embeddings drawn from N(0, std²), linear weights 0. */
  public static FmPart gaussian(ItemFeatures features, int k, double std, SplittableRandom rng) {
    float[] values = Factors.gaussian(features.numFeatures() * (k + 1), std, rng);
    for (int f = 0; f < features.numFeatures(); f++) values[f * (k + 1) + k] = 0f;
    return new FmPart(new FeatureTable(features, k + 1, values));
  }

  public FeatureTable table() {
    return table;
  }

  /** Writes s(u, i) of every row into {@code scores}; keeps the slots' S_i for {@link #addGradient}. */
  public void forward(PairBatch batch, float[] scores) {
    int slots = batch.numSlots();
    if (slotOwn.length < slots) {
      slotSum = new float[batch.capacity() * k];
      slotOwn = new float[batch.capacity()];
      slotCoef = new float[batch.capacity()];
      slotUser = new float[batch.capacity() * k];
    }
    float[] v = table.values();
    int w = k + 1;
    Parallel.forRange(slots, 64, (from, to) -> {
      for (int s = from; s < to; s++) slotOwn[s] = itemSum(batch.slotItem(s), slotSum, s * k);
    });
    Parallel.forRange(batch.size(), 256, (from, to) -> {
      for (int r = from; r < to; r++) {
        int uo = batch.user(r) * w;
        int so = batch.slot(r) * k;
        float s = v[uo + k] + slotOwn[batch.slot(r)];
        for (int d = 0; d < k; d++) s += v[uo + d] * slotSum[so + d];
        scores[r] = s;
      }
    });
  }

  /**
   * Writes S_i into {@code out[at .. at+k)} and returns the item's own terms, Σ x_f w_f + ½(|S_i|² − Σ x_f²
   * |v_f|²).
   */
  private float itemSum(int item, float[] out, int at) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int w = k + 1;
    Arrays.fill(out, at, at + k, 0f);
    float linear = 0;
    float squares = 0;
    for (int e = fs.start(item); e < fs.end(item); e++) {
      int o = fs.feature(e) * w;
      float x = fs.weight(e);
      linear += x * v[o + k];
      float norm = 0;
      for (int d = 0; d < k; d++) {
        out[at + d] += x * v[o + d];
        norm += v[o + d] * v[o + d];
      }
      squares += x * x * norm;
    }
    float total = 0;
    for (int d = 0; d < k; d++) total += out[at + d] * out[at + d];
    return linear + 0.5f * (total - squares);
  }

  /**
   * Adds Σ_r coef_r ∂s_r/∂θ of the last forward's batch to the table's gradient. The item side is summed
   * per slot first: ∂s/∂v_f = x_f (v_u + S_i − x_f v_f) over the slot's rows is x_f (Σ_r coef_r v_{u_r} +
   * (Σ_r coef_r)(S_i − x_f v_f)).
   */
  public void addGradient(PairBatch batch, float[] coef) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    float[] grad = table.gradient();
    int w = k + 1;
    // ∂s/∂v_u = S_i, ∂s/∂w_u = 1.
    for (int r = 0; r < batch.size(); r++) {
      int go = table.touch(batch.user(r));
      int so = batch.slot(r) * k;
      float c = coef[r];
      for (int d = 0; d < k; d++) grad[go + d] += c * slotSum[so + d];
      grad[go + k] += c;
    }
    batch.slotSums(coef, v, w, 0, k, slotCoef, slotUser);
    for (int s = 0; s < batch.numSlots(); s++) {
      int item = batch.slotItem(s);
      int so = s * k;
      float c = slotCoef[s];
      for (int e = fs.start(item); e < fs.end(item); e++) {
        int go = table.touch(fs.feature(e));
        float x = fs.weight(e);
        for (int d = 0; d < k; d++) grad[go + d] += x * (slotUser[so + d] + c * (slotSum[so + d] - x * v[go + d]));
        grad[go + k] += c * x;
      }
    }
  }

  /**
   * Scoring tables: user rows [v_u, 1], item rows [S_i, item's own terms]. w_u is left out: a per-user
   * constant changes no ranking.
   */
  public Factors scoringFactors() {
    ItemFeatures fs = table.features();
    int w = k + 1;
    float[] v = table.values();
    float[] users = new float[fs.numUsers() * w];
    for (int u = 0; u < fs.numUsers(); u++) {
      System.arraycopy(v, u * w, users, u * w, k);
      users[u * w + k] = 1f;
    }
    float[] items = new float[fs.numItems() * w];
    Parallel.forRange(fs.numItems(), 64, (from, to) -> {
      for (int i = from; i < to; i++) items[i * w + k] = itemSum(i, items, i * w);
    });
    return new Factors(fs.numUsers(), fs.numItems(), w, users, items);
  }
}
