package movierec.models.features;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Parallel;

/**
 * The factorization machine of S. Rendle, "Factorization Machines", ICDM 2010, over {@link ItemFeatures}:
 * s(u, i) = w_u + Σ_f x_f w_f + Σ_{f<g} ⟨v_f, v_g⟩ x_f x_g, the sums over the user's feature and the
 * item's. Each feature's row in the table is [v_f, w_f] (width k + 1). Used by FM alone and as DeepFM's
 * wide part.
 *
 * <p>With S_i = Σ_{f ∈ item} x_f v_f the pair terms split into ⟨v_u, S_i⟩ plus the item's own pairs,
 * ½(|S_i|² − Σ x_f² |v_f|²) (Rendle's O(kn) identity), so ranking all items for a user is one dot
 * product per item, as for a matrix factorization.
 */
public final class FmPart {
  private final FeatureTable table;
  private final int k;
  private final float[] sum;

  private FmPart(FeatureTable table) {
    this.table = table;
    this.k = table.width() - 1;
    this.sum = new float[k];
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

  /** s(u, i). Not thread-safe (shares a scratch row); training is sequential. */
  public float score(int user, int item) {
    float[] v = table.values();
    int w = k + 1;
    float own = itemSum(item, sum);
    int uo = user * w;
    float s = v[uo + k] + own;
    for (int d = 0; d < k; d++) s += v[uo + d] * sum[d];
    return s;
  }

  /**
   * Writes S_i into {@code out} and returns the item's own terms, Σ x_f w_f + ½(|S_i|² − Σ x_f² |v_f|²).
   */
  private float itemSum(int item, float[] out) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int w = k + 1;
    Arrays.fill(out, 0f);
    float linear = 0;
    float squares = 0;
    for (int e = fs.start(item); e < fs.end(item); e++) {
      int o = fs.feature(e) * w;
      float x = fs.weight(e);
      linear += x * v[o + k];
      float norm = 0;
      for (int d = 0; d < k; d++) {
        out[d] += x * v[o + d];
        norm += v[o + d] * v[o + d];
      }
      squares += x * x * norm;
    }
    float total = 0;
    for (int d = 0; d < k; d++) total += out[d] * out[d];
    return linear + 0.5f * (total - squares);
  }

  /** Adds coef × ∂s(u, i)/∂θ to the pair's gradient buffer (see {@link FeatureTable}). */
  public void addGradient(int user, int item, float coef, float[] grad) {
    ItemFeatures fs = table.features();
    float[] v = table.values();
    int w = k + 1;
    itemSum(item, sum);
    int uo = user * w;
    // ∂s/∂v_u = S_i, ∂s/∂w_u = 1.
    for (int d = 0; d < k; d++) grad[d] += coef * sum[d];
    grad[k] += coef;
    // ∂s/∂v_f = x_f (v_u + S_i − x_f v_f), ∂s/∂w_f = x_f.
    for (int e = fs.start(item), r = 1; e < fs.end(item); e++, r++) {
      int o = fs.feature(e) * w;
      float x = fs.weight(e);
      int g = r * w;
      for (int d = 0; d < k; d++) grad[g + d] += coef * x * (v[uo + d] + sum[d] - x * v[o + d]);
      grad[g + k] += coef * x;
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
      float[] s = new float[k];
      for (int i = from; i < to; i++) {
        float own = itemSum(i, s);
        System.arraycopy(s, 0, items, i * w, k);
        items[i * w + k] = own;
      }
    });
    return new Factors(fs.numUsers(), fs.numItems(), w, users, items);
  }
}
