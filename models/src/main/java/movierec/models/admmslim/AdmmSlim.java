package movierec.models.admmslim;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.models.linalg.Blas;
import movierec.models.linalg.ItemUsers;
import movierec.models.linalg.ItemWeightsModel;
import movierec.models.linalg.Lapack;
import movierec.models.linalg.PanelMatrix;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.Products;
import movierec.models.linalg.SparseGram;
import org.bytedeco.javacpp.FloatPointer;

/**
 * ADMM-SLIM: H. Steck, M. Dimakopoulou, N. Riabov, T. Jebara, "ADMM SLIM: Sparse Recommendations for
 * Many Users", WSDM 2020. SLIM's item-item weights (zero diagonal, L1 + L2, optionally nonnegative)
 * fitted by ADMM on the Gram matrix G = XᵀX, following the paper's reference code:
 *
 * <pre>
 *   P = (G + (λ2 + ρ)I)⁻¹                      once, by Cholesky
 *   B̃ = P·G + P·(ρC − Γ)                       P·G = I − (λ2 + ρ)P, so only the second product is a GEMM
 *   B = B̃ − P·diag(diag(B̃) / diag(P))          zero diagonal (the Lagrangian step of EASE)
 *   C = soft-threshold(B + Γ/ρ, λ1/ρ), clipped at 0 if nonnegative
 *   Γ = Γ + ρ(B − C)
 * </pre>
 *
 * The sparse C is the model; users are scored as their history row times C, as in EASE.
 *
 * <p>P is factored once and reused by every step. Each step's cost is the product P·(ρC − Γ): a dense
 * n³ GEMM, or, when there are fewer users m than items n (ml-latest-small: 610 × 9,742), the same product
 * through the Woodbury identity P = (I − Xᵀ(sI + XXᵀ)⁻¹X)/s, s = λ2 + ρ, which factors only the m × m matrix
 * K = (sI + XXᵀ)⁻¹ and costs 2·nnz·n + m²·n a step (two sparse products and an m × m × n GEMM) instead of n³:
 * on ml-latest-small 6 G multiply-adds instead of 920 G. The path with the smaller count is taken; both give
 * the same iterates up to float rounding (AdmmSlimTest).
 *
 * <p>A closed-form-like fit, not an {@link movierec.core.model.IterativeModel}: an ADMM iterate is a
 * step towards the solution of one fixed objective, not a model whose quality validation should pick,
 * and at the competition's scale (n = 6,807) each step is a 6,807³ GEMM (~5 s) while a validation pass
 * and a 185 MB best-step snapshot would cost as much again. {@code iterations} is a convergence knob.
 */
public final class AdmmSlim extends ItemWeightsModel {
  private static final String FORMAT = "movierec.admmslim.v1";

  private final AdmmSlimParams params;

  public AdmmSlim(AdmmSlimParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected float[] weights(Interactions history) {
    long n = history.numItems();
    long m = history.numUsers();
    return weights(history, m * m * n + 2 * history.size() * n < n * n * n);
  }

  /** The ADMM iterates with P·(ρC − Γ) through Woodbury's identity ({@code lowRank}) or a dense GEMM. */
  float[] weights(Interactions history, boolean lowRank) {
    Update update = new Update(params);
    float shift = (float) (params.lambda2() + params.rho());
    try (Iterates iterates = lowRank ? new Woodbury(history, shift, update) : new DenseInverse(history, shift, update)) {
      // C and Γ start at 0, so the first step's P·(ρC − Γ) is 0.
      for (int it = 0; it < params.iterations(); it++) iterates.step(it == 0);
      return iterates.weights();
    }
  }

  /** The ADMM state (C, Γ and what was factored once) advanced one step at a time. */
  private interface Iterates extends AutoCloseable {
    /** B from C and Γ, then C and Γ from B; {@code first} when C = Γ = 0. */
    void step(boolean first);

    /** C, n × n row-major. */
    float[] weights();

    @Override
    void close();
  }

  /**
   * The elementwise end of a step for one entry, given its B: C = soft-threshold(B + Γ/ρ, λ1/ρ), clipped at 0 if
   * nonnegative, and Γ = Γ + ρ(B − C).
   */
  private record Update(float rho, float threshold, float floor) {
    Update(AdmmSlimParams p) {
      this((float) p.rho(), (float) (p.lambda1() / p.rho()), p.nonnegative() ? 0f : Float.NEGATIVE_INFINITY);
    }

    void apply(float b, float[] c, float[] gamma, int k) {
      float v = b + gamma[k] / rho;
      float w = Math.max(floor, Math.copySign(Math.max(0f, Math.abs(v) - threshold), v));
      c[k] = w;
      gamma[k] += rho * (b - w);
    }
  }

  /**
   * P inverted densely (Cholesky), P·(ρC − Γ) as an n³ SGEMM, B = I − sP + P·(ρC − Γ) − P·diag(λ) with λ the
   * Lagrangian that zeroes B's diagonal; C and Γ row-major.
   */
  private static final class DenseInverse implements Iterates {
    private final int n;
    private final float shift;
    private final Update update;
    private final float[] p;
    private final float[] diagP;
    private final float[] c;
    private final float[] gamma;
    /** P·(ρC − Γ). */
    private final float[] work;
    private final float[] lagrange;
    private final FloatPointer pp;
    private final FloatPointer in;
    private final FloatPointer out;

    DenseInverse(Interactions history, float shift, Update update) {
      n = history.numItems();
      this.shift = shift;
      this.update = update;
      p = SparseGram.of(history);
      for (int i = 0; i < n; i++) p[i * n + i] += shift;
      Lapack.invertSpd(p, n);
      diagP = SparseGram.diagonal(p, n);
      c = new float[n * n];
      gamma = new float[n * n];
      work = new float[n * n];
      lagrange = new float[n];
      pp = new FloatPointer(p);
      in = new FloatPointer((long) n * n);
      out = new FloatPointer((long) n * n);
    }

    @Override
    public void step(boolean first) {
      float rho = update.rho();
      if (!first) {
        Parallel.forRange(n, 64, (from, to) -> {
          for (int k = from * n; k < to * n; k++) work[k] = rho * c[k] - gamma[k];
        });
        in.put(work);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1f, pp, n, in, n, 0f, out, n);
        out.get(work);
      }
      for (int j = 0; j < n; j++) lagrange[j] = (1 - shift * diagP[j] + work[j * n + j]) / diagP[j];
      Parallel.forRange(n, 64, (from, to) -> {
        for (int i = from; i < to; i++) {
          int row = i * n;
          for (int j = 0; j < n; j++) {
            int k = row + j;
            // The diagonal of B is 0 by construction; set it exactly rather than up to rounding.
            float b = i == j ? 0f : -shift * p[k] + work[k] - p[k] * lagrange[j];
            update.apply(b, c, gamma, k);
          }
        }
      });
    }

    @Override
    public float[] weights() {
      return c;
    }

    @Override
    public void close() {
      pp.close();
      in.close();
      out.close();
    }
  }

  /**
   * Woodbury: P = (I − XᵀKX)/s with K = (sI + XXᵀ)⁻¹ (m × m, inverted once). With D = ρC − Γ, off the diagonal
   * B = Xᵀ·Y + D/s where Y = K·(X·diag(1 + λ/s) − X·D/s) (m × n) and λ_j = (1 − s·P_jj + (P·D)_jj)/P_jj: sparse X·D,
   * an m × m × n SGEMM, sparse Xᵀ·Y, whose blocks go straight into the C and Γ updates. P itself is never formed
   * (its diagonal is (1 − Σ_{u ∋ j} (KX)_uj)/s), and C, Γ and D stay in {@link PanelMatrix}'s layout, so every
   * n² pass of a step is sequential (row-major n² passes with a panel's stride took half the fit's time).
   */
  private static final class Woodbury implements Iterates {
    private final Interactions x;
    private final ItemUsers byItem;
    private final Interactions xt;
    private final int[] allUsers;
    private final int[] allItems;
    private final int m;
    private final int n;
    private final float shift;
    private final Update update;
    private final float[] k;
    /** K·X, m × n row-major. */
    private final float[] kx;
    private final float[] diagP;
    private final PanelMatrix c;
    private final PanelMatrix gamma;
    private final PanelMatrix d;
    private final float[] xd;
    /** K·X·D. */
    private final float[] kxd;
    private final float[] y;
    private final PanelMatrix yPanels;
    private final float[] lagrange;

    Woodbury(Interactions history, float shift, Update update) {
      x = history;
      n = history.numItems();
      m = history.numUsers();
      this.shift = shift;
      this.update = update;
      byItem = ItemUsers.of(history);
      xt = new Interactions(n, m, byItem.offsets(), byItem.users(), new long[history.size()]);
      allUsers = IntStream.range(0, m).toArray();
      allItems = IntStream.range(0, n).toArray();
      k = SparseGram.of(xt);
      for (int u = 0; u < m; u++) k[u * m + u] += shift;
      Lapack.invertSpd(k, m);
      // K·X is (Xᵀ·K)ᵀ, K being symmetric.
      float[] xtK = new float[n * m];
      Products.sumRows(xt, allItems, k, m, xtK);
      kx = new float[m * n];
      for (int i = 0; i < n; i++) for (int u = 0; u < m; u++) kx[u * n + i] = xtK[i * m + u];
      diagP = new float[n];
      float[] xtKx = itemDiagonal(kx);
      for (int j = 0; j < n; j++) diagP[j] = (1 - xtKx[j]) / shift;
      c = PanelMatrix.zeros(n, n);
      gamma = PanelMatrix.zeros(n, n);
      d = PanelMatrix.zeros(n, n);
      xd = new float[m * n];
      kxd = new float[m * n];
      y = new float[m * n];
      yPanels = PanelMatrix.zeros(m, n);
      lagrange = new float[n];
    }

    /** diag(Xᵀ·A) for an m × n row-major A: Σ over item j's users u of A[u, j]. */
    private float[] itemDiagonal(float[] a) {
      float[] diag = new float[n];
      for (int j = 0; j < n; j++) {
        float sum = 0;
        for (int e = byItem.start(j); e < byItem.end(j); e++) sum += a[byItem.user(e) * n + j];
        diag[j] = sum;
      }
      return diag;
    }

    @Override
    public void step(boolean first) {
      float rho = update.rho();
      if (!first) {
        d.setCombination(rho, c, -1f, gamma);
        d.sumRows(x, allUsers, xd);
        Blas.multiply(k, false, xd, false, m, n, m, kxd);
      }
      // D's diagonal is 0 (so are C's and Γ's), so (P·D)_jj = −(Xᵀ·K·X·D)_jj / s.
      float[] xtKxd = itemDiagonal(kxd);
      for (int j = 0; j < n; j++) lagrange[j] = (1 - shift * diagP[j] - xtKxd[j] / shift) / diagP[j];
      Parallel.forRange(m, 8, (from, to) -> {
        for (int u = from; u < to; u++) {
          for (int j = 0, e = u * n; j < n; j++, e++) y[e] = kx[e] * (1 + lagrange[j] / shift) - kxd[e] / shift;
        }
      });
      yPanels.copyFrom(y);
      float[] cv = c.values();
      float[] gv = gamma.values();
      // The product's row i is item i (allItems), so a block's rows are contiguous in C's and Γ's panels.
      yPanels.sumRows(xt, allItems, (firstItem, count, j0, w, acc) -> {
        int base = c.index(firstItem, j0);
        for (int r = 0; r < count; r++) {
          int i = firstItem + r;
          for (int jj = 0; jj < w; jj++) {
            int e = base + r * w + jj;
            // The diagonal of B is 0 by construction; set it exactly rather than up to rounding.
            float b = i == j0 + jj ? 0f : acc[r * PanelMatrix.WIDTH + jj] + (rho * cv[e] - gv[e]) / shift;
            update.apply(b, cv, gv, e);
          }
        }
      });
    }

    @Override
    public float[] weights() {
      return c.toRowMajor();
    }

    @Override
    public void close() {}
  }
}
