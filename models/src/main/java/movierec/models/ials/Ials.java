package movierec.models.ials;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.model.TrainContext;
import movierec.models.linalg.FactorModel;
import movierec.models.linalg.Factors;
import movierec.models.linalg.ItemUsers;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.Products;
import movierec.models.linalg.RowMath;

/**
 * iALS: Y. Hu, Y. Koren, C. Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM
 * 2008. Weighted least squares over the full user-item matrix (confidence 1 + α on observed entries,
 * 1 elsewhere), fitted by alternating row solves with the YᵀY trick so that a row costs its own
 * interactions, not all items. Each row's system is solved by a few conjugate-gradient steps
 * warm-started from its previous value (G. Takács, I. Pilászy, D. Tikk, "Applications of the Conjugate
 * Gradient Method for Implicit Feedback Collaborative Filtering", RecSys 2011).
 *
 * <p>A row's solve reads only the other side's fixed factors, so rows run in parallel and the result
 * does not depend on scheduling.
 */
public final class Ials extends FactorModel {
  private static final String FORMAT = "movierec.ials.v1";
  /** Small initial factors: the first user sweep then starts near zero and is driven by the data. */
  private static final double INIT_STD = 0.01;

  private final IalsParams params;
  private Interactions byUser;
  private ItemUsers byItem;

  public Ials(IalsParams params) {
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
    byUser = ctx.train();
    byItem = ItemUsers.of(byUser);
    factors = Factors.gaussian(byUser.numUsers(), byUser.numItems(), params.factors(), INIT_STD, new SplittableRandom(ctx.seed()));
  }

  @Override
  protected double trainEpoch(int epoch) {
    int k = params.factors();
    float[] x = factors.users();
    float[] y = factors.items();
    sweep(x, y, byUser.numUsers(), Products.gram(y, factors.numItems(), k), byUser::start, byUser::end, byUser::item);
    sweep(y, x, factors.numItems(), Products.gram(x, factors.numUsers(), k), byItem::start, byItem::end, byItem::user);
    return loss();
  }

  /** Row r's neighbours (items of a user, or users of an item) are entries start(r) ≤ e < end(r). */
  private interface Rows {
    int at(int index);
  }

  /** Re-solves every row of {@code solve} against the fixed {@code other} factors, whose Gram is {@code otherGram}. */
  private void sweep(float[] solve, float[] other, int rows, float[] otherGram, Rows start, Rows end, Rows neighbour) {
    int k = params.factors();
    float alpha = (float) params.alpha();
    float reg = (float) params.regularization();
    Parallel.forRange(rows, 64, (from, to) -> {
      float[] b = new float[k];
      float[] r = new float[k];
      float[] p = new float[k];
      float[] ap = new float[k];
      for (int row = from; row < to; row++) {
        int s = start.at(row);
        int e = end.at(row);
        int xo = row * k;
        // Solve (OᵀO + λI + α Σ o_i o_iᵀ) x = (1 + α) Σ o_i over the row's neighbours i.
        Arrays.fill(b, 0f);
        for (int t = s; t < e; t++) RowMath.axpy(1 + alpha, other, neighbour.at(t) * k, b, 0, k);
        multiply(solve, xo, other, otherGram, reg, alpha, neighbour, s, e, ap);
        float rr = 0;
        for (int f = 0; f < k; f++) {
          r[f] = b[f] - ap[f];
          p[f] = r[f];
          rr += r[f] * r[f];
        }
        for (int step = 0; step < params.cgSteps() && rr > 1e-12f; step++) {
          multiply(p, 0, other, otherGram, reg, alpha, neighbour, s, e, ap);
          float pap = 0;
          for (int f = 0; f < k; f++) pap += p[f] * ap[f];
          float a = rr / pap;
          float rrNew = 0;
          for (int f = 0; f < k; f++) {
            solve[xo + f] += a * p[f];
            r[f] -= a * ap[f];
            rrNew += r[f] * r[f];
          }
          float beta = rrNew / rr;
          for (int f = 0; f < k; f++) p[f] = r[f] + beta * p[f];
          rr = rrNew;
        }
      }
    });
  }

  /** {@code out = (OᵀO + λI) v + α Σ_i o_i (o_iᵀ v)} for v = {@code vec[vo .. vo + k)}. */
  private void multiply(float[] vec, int vo, float[] other, float[] otherGram, float reg, float alpha, Rows neighbour, int s, int e, float[] out) {
    int k = params.factors();
    for (int f = 0; f < k; f++) out[f] = reg * vec[vo + f] + RowMath.dot(otherGram, f * k, vec, vo, k);
    for (int t = s; t < e; t++) {
      int oo = neighbour.at(t) * k;
      RowMath.axpy(alpha * RowMath.dot(other, oo, vec, vo, k), other, oo, out, 0, k);
    }
  }

  /**
   * The weighted squared error plus regularization, per interaction. Unobserved entries contribute
   * xᵀ(YᵀY)x − Σ_observed s² in aggregate, so the full matrix is never formed.
   */
  private double loss() {
    int k = params.factors();
    float[] x = factors.users();
    float[] y = factors.items();
    float[] yty = Products.gram(y, factors.numItems(), k);
    double alpha = params.alpha();
    double[] perUser = new double[byUser.numUsers()];
    Parallel.forRange(byUser.numUsers(), 64, (from, to) -> {
      for (int u = from; u < to; u++) {
        int xo = u * k;
        double sum = 0;
        for (int f = 0; f < k; f++) {
          double row = 0;
          for (int h = 0; h < k; h++) row += yty[f * k + h] * x[xo + h];
          sum += x[xo + f] * row;
        }
        for (int e = byUser.start(u); e < byUser.end(u); e++) {
          int yo = byUser.item(e) * k;
          double s = 0;
          for (int f = 0; f < k; f++) s += x[xo + f] * y[yo + f];
          sum += (1 + alpha) * (1 - s) * (1 - s) - s * s;
        }
        perUser[u] = sum;
      }
    });
    double total = 0;
    for (double v : perUser) total += v;
    double norms = 0;
    for (float v : x) norms += v * v;
    for (float v : y) norms += v * v;
    return (total + params.regularization() * norms) / Math.max(1, byUser.size());
  }
}
