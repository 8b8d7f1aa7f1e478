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
    int n = history.numItems();
    float rho = (float) params.rho();
    float shift = (float) (params.lambda2() + params.rho());
    DualProduct dual = lowRank ? new Woodbury(history, shift) : new DenseInverse(history, shift);
    float[] p = dual.inverse();
    float[] diagP = SparseGram.diagonal(p, n);
    float[] c = new float[n * n];
    float[] gamma = new float[n * n];
    // P·(ρC − Γ).
    float[] work = new float[n * n];
    float[] lagrange = new float[n];
    try (dual) {
      for (int it = 0; it < params.iterations(); it++) {
        // C and Γ start at 0, so the first product is 0.
        if (it > 0) dual.multiply(rho, c, gamma, work);
        for (int j = 0; j < n; j++) lagrange[j] = (1 - shift * diagP[j] + work[j * n + j]) / diagP[j];
        step(n, p, work, lagrange, c, gamma);
      }
    }
    return c;
  }

  /** P = (G + sI)⁻¹ and the product P·D that every ADMM step needs, with whatever was factored once. */
  private interface DualProduct extends AutoCloseable {
    /** P, n × n row-major. */
    float[] inverse();

    /** {@code out = P·(rho·c − gamma)}, all n × n. */
    void multiply(float rho, float[] c, float[] gamma, float[] out);

    @Override
    void close();
  }

  /** P inverted densely (Cholesky), P·D as an n³ SGEMM. */
  private static final class DenseInverse implements DualProduct {
    private final int n;
    private final float[] p;
    private final FloatPointer pp;
    private final FloatPointer in;
    private final FloatPointer out;

    DenseInverse(Interactions history, float shift) {
      n = history.numItems();
      p = SparseGram.of(history);
      for (int i = 0; i < n; i++) p[i * n + i] += shift;
      Lapack.invertSpd(p, n);
      pp = new FloatPointer(p);
      in = new FloatPointer((long) n * n);
      out = new FloatPointer((long) n * n);
    }

    @Override
    public float[] inverse() {
      return p;
    }

    @Override
    public void multiply(float rho, float[] c, float[] gamma, float[] product) {
      Parallel.forRange(n, 64, (from, to) -> {
        for (int k = from * n; k < to * n; k++) product[k] = rho * c[k] - gamma[k];
      });
      in.put(product);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1f, pp, n, in, n, 0f, out, n);
      out.get(product);
    }

    @Override
    public void close() {
      pp.close();
      in.close();
      out.close();
    }
  }

  /**
   * Woodbury: P = (I − XᵀKX)/s with K = (sI + XXᵀ)⁻¹ (m × m, inverted once), so P·D = (D − Xᵀ(K(XD)))/s:
   * sparse X·D (m × n), an m × m × n SGEMM, sparse Xᵀ times the result.
   */
  private static final class Woodbury implements DualProduct {
    private final Interactions x;
    private final Interactions xt;
    private final int[] allUsers;
    private final int[] allItems;
    private final float[] k;
    private final float shift;
    private final PanelMatrix dPanels;

    Woodbury(Interactions history, float shift) {
      x = history;
      int n = history.numItems();
      int m = history.numUsers();
      ItemUsers byItem = ItemUsers.of(history);
      xt = new Interactions(n, m, byItem.offsets(), byItem.users(), new long[history.size()]);
      allUsers = IntStream.range(0, m).toArray();
      allItems = IntStream.range(0, n).toArray();
      this.shift = shift;
      k = SparseGram.of(xt);
      for (int u = 0; u < m; u++) k[u * m + u] += shift;
      Lapack.invertSpd(k, m);
      dPanels = PanelMatrix.zeros(n, n);
    }

    @Override
    public float[] inverse() {
      int n = x.numItems();
      int m = x.numUsers();
      // XᵀK (n × m) is (KX)ᵀ, K being symmetric.
      float[] xtK = new float[n * m];
      Products.sumRows(xt, allItems, k, m, xtK);
      float[] kx = new float[m * n];
      for (int i = 0; i < n; i++) for (int u = 0; u < m; u++) kx[u * n + i] = xtK[i * m + u];
      float[] p = new float[n * n];
      PanelMatrix.of(kx, m, n).sumRows(xt, allItems, p);
      Parallel.forRange(n, 64, (from, to) -> {
        for (int e = from * n; e < to * n; e++) p[e] = -p[e] / shift;
        for (int i = from; i < to; i++) p[i * n + i] += 1 / shift;
      });
      return p;
    }

    @Override
    public void multiply(float rho, float[] c, float[] gamma, float[] product) {
      int n = x.numItems();
      int m = x.numUsers();
      // D = ρC − Γ straight into the panels the sparse product reads.
      dPanels.setCombination(rho, c, -1f, gamma);
      float[] xd = new float[m * n];
      dPanels.sumRows(x, allUsers, xd);
      float[] kxd = Blas.multiply(k, false, xd, false, m, n, m);
      // Xᵀ(KXD) into product, then product = (D − Xᵀ(KXD))/s.
      PanelMatrix.of(kxd, m, n).sumRows(xt, allItems, product);
      dPanels.combineInto(product, 1 / shift, -1 / shift);
    }

    @Override
    public void close() {}
  }

  /** One elementwise pass: B from B̃ = I − (λ2 + ρ)P + {@code pTimesDual}, then the C and Γ updates. */
  private void step(int n, float[] p, float[] pTimesDual, float[] lagrange, float[] c, float[] gamma) {
    float rho = (float) params.rho();
    float shift = (float) (params.lambda2() + params.rho());
    float threshold = (float) (params.lambda1() / params.rho());
    float floor = params.nonnegative() ? 0f : Float.NEGATIVE_INFINITY;
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) {
          int k = row + j;
          // The diagonal of B is 0 by construction; set it exactly rather than up to rounding.
          float b = i == j ? 0f : -shift * p[k] + pTimesDual[k] - p[k] * lagrange[j];
          float v = b + gamma[k] / rho;
          float shrunk = Math.max(0f, Math.abs(v) - threshold);
          float w = Math.max(floor, Math.copySign(shrunk, v));
          c[k] = w;
          gamma[k] += rho * (b - w);
        }
      }
    });
  }
}
