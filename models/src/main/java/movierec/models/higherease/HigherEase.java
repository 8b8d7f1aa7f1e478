package movierec.models.higherease;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import movierec.core.data.Interactions;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.ease.Ease;
import movierec.models.linalg.ArrayIO;
import movierec.models.linalg.Blas;
import movierec.models.linalg.ItemUsers;
import movierec.models.linalg.Lapack;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.Products;
import movierec.models.linalg.SparseGram;

/**
 * Higher-order EASE: H. Steck, D. Liang, "Negative Interactions for Improved Collaborative Filtering:
 * Don't go Deeper, go Higher", RecSys 2021. EASE plus weights C from item pairs to items: a user's scores
 * are x·B + z·C, where z marks the selected pairs of which the user has both items. The pairs are the
 * ones that co-occur most often; a pair must not predict its own two items. Fitted by ADMM as in the
 * paper's reference code:
 *
 * <pre>
 *   B = P(XᵀX − XᵀZ·C), zero diagonal by EASE's Lagrangian step     P = (XᵀX + λI)⁻¹
 *   C = Q(ZᵀX − ZᵀX·B + ρ(D − Γ))                                   Q = (ZᵀZ + (λ_C + ρ)I)⁻¹
 *   D = C with each pair's own items zeroed;   Γ = Γ + C − D
 * </pre>
 *
 * Substituting B into the C step and using P·XᵀX = I − λP leaves one pairs × pairs × items GEMM per step
 * (the products with P are taken once, and Γ and C − D are non-zero only at a pair's two items); B is
 * formed once, from the final C. The model scores with D.
 */
public final class HigherEase implements Model {
  private static final String FORMAT = "movierec.higherease.v1";

  private final HigherEaseParams params;
  private Interactions history;
  private float[] itemWeights;
  /** Pair k is items (first[k], second[k]), first < second; its weights are row k of pairWeights. */
  private int[] first;
  private int[] second;
  private float[] pairWeights;

  public HigherEase(HigherEaseParams params) {
    this.params = params;
  }

  @Override
  public void fit(TrainContext ctx) {
    history = ctx.train();
    int n = history.numItems();
    float[] gram = SparseGram.of(history);
    selectPairs(gram, n);
    for (int i = 0; i < n; i++) gram[i * n + i] += (float) params.lambda();
    if (first.length == 0) {
      itemWeights = Ease.zeroDiagonalSolution(gram, n);
      pairWeights = new float[0];
      return;
    }
    Lapack.invertSpd(gram, n);
    fitAdmm(gram, n);
  }

  /** The {@code params.pairs()} most frequent co-occurring pairs (i < j) of the Gram matrix, in row-major order. */
  private void selectPairs(float[] gram, int n) {
    int max = 0;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) max = Math.max(max, (int) gram[i * n + j]);
    // Counts are small integers: a histogram finds the cut-off count without sorting n²/2 entries.
    long[] atLeast = new long[max + 2];
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) atLeast[(int) gram[i * n + j]]++;
    for (int c = max - 1; c >= 0; c--) atLeast[c] += atLeast[c + 1];
    int cut = max;
    while (cut > 1 && atLeast[cut] < params.pairs()) cut--;
    int wanted = (int) Math.min(params.pairs(), atLeast[Math.max(cut, 1)]);
    long tiesAllowed = wanted - atLeast[cut + 1];
    first = new int[wanted];
    second = new int[wanted];
    int k = 0;
    for (int i = 0; i < n && k < wanted; i++) {
      for (int j = i + 1; j < n && k < wanted; j++) {
        int count = (int) gram[i * n + j];
        if (count < cut || count < 1) continue;
        if (count == cut && tiesAllowed-- <= 0) continue;
        first[k] = i;
        second[k++] = j;
      }
    }
  }

  /** ADMM for B and C given P = (XᵀX + λI)⁻¹ (overwritten). */
  private void fitAdmm(float[] p, int n) {
    int pairs = first.length;
    float lambda = (float) params.lambda();
    float rho = (float) params.rho();
    int[][] pairUsers = pairUsers();
    float[] q = SparseGram.of(pairRows(pairUsers));
    for (int k = 0; k < pairs; k++) q[k * pairs + k] += (float) (params.pairLambda() + params.rho());
    Lapack.invertSpd(q, pairs);
    float[] zx = pairItemCounts(pairUsers, n);
    // Mᵀ = ZᵀX·P (pairs × n); K = ZᵀX·M; the C step is then C' = QMᵀ·diag(λ + γ) + (QK + ρQ)·C − ρQ·(C − D + Γ).
    float[] mt = Blas.multiply(zx, false, p, false, pairs, n, n);
    float[] k = Blas.multiply(zx, false, mt, true, pairs, pairs, n);
    float[] step = Blas.multiply(q, false, k, false, pairs, pairs, pairs);
    for (int e = 0; e < step.length; e++) step[e] += rho * q[e];
    float[] qm = Blas.multiply(q, false, mt, false, pairs, n, pairs);
    float[] diagP = SparseGram.diagonal(p, n);

    float[] c = new float[pairs * n];
    // Γ and C − D at each pair's two items (columns first[k], second[k]); zero everywhere else.
    float[][] dual = new float[pairs][2];
    float[][] offMask = new float[pairs][2];
    for (int it = 0; it < params.iterations(); it++) {
      float[] gamma = lagrange(mt, c, diagP, n);
      float[] next = Blas.multiply(step, false, c, false, pairs, n, pairs);
      Parallel.forRange(pairs, 16, (from, to) -> {
        for (int r = from; r < to; r++) {
          for (int j = 0; j < n; j++) next[r * n + j] += qm[r * n + j] * (lambda + gamma[j]);
        }
      });
      for (int r = 0; r < pairs; r++) {
        for (int side = 0; side < 2; side++) {
          int col = side == 0 ? first[r] : second[r];
          float s = rho * (offMask[r][side] + dual[r][side]);
          if (s == 0) continue;
          for (int row = 0; row < pairs; row++) next[row * n + col] -= q[row * pairs + r] * s;
        }
      }
      c = next;
      for (int r = 0; r < pairs; r++) {
        offMask[r][0] = c[r * n + first[r]];
        offMask[r][1] = c[r * n + second[r]];
        dual[r][0] += offMask[r][0];
        dual[r][1] += offMask[r][1];
      }
    }

    // B = I − λP − M·C − P·diag(γ), with the zero diagonal set exactly.
    float[] gamma = lagrange(mt, c, diagP, n);
    float[] b = Blas.multiply(mt, true, c, false, n, n, pairs);
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        for (int j = 0; j < n; j++) b[i * n + j] = -lambda * p[i * n + j] - b[i * n + j] - p[i * n + j] * gamma[j];
        b[i * n + i] = 0f;
      }
    });
    for (int r = 0; r < pairs; r++) {
      c[r * n + first[r]] = 0f;
      c[r * n + second[r]] = 0f;
    }
    itemWeights = b;
    pairWeights = c;
  }

  /** γ_j = diag(B̃)_j / P_jj for B̃ = I − λP − M·C: the multipliers that zero B's diagonal. */
  private float[] lagrange(float[] mt, float[] c, float[] diagP, int n) {
    int pairs = first.length;
    double[] mc = new double[n];
    for (int r = 0; r < pairs; r++) for (int j = 0; j < n; j++) mc[j] += (double) mt[r * n + j] * c[r * n + j];
    float[] gamma = new float[n];
    for (int j = 0; j < n; j++) gamma[j] = (float) ((1 - params.lambda() * diagP[j] - mc[j]) / diagP[j]);
    return gamma;
  }

  /** For each pair, the users who have both its items, ascending. */
  private int[][] pairUsers() {
    ItemUsers byItem = ItemUsers.of(history);
    int[][] users = new int[first.length][];
    Parallel.forRange(first.length, 16, (from, to) -> {
      for (int k = from; k < to; k++) {
        int a = byItem.start(first[k]);
        int b = byItem.start(second[k]);
        int[] both = new int[Math.min(byItem.end(first[k]) - a, byItem.end(second[k]) - b)];
        int m = 0;
        while (a < byItem.end(first[k]) && b < byItem.end(second[k])) {
          int ua = byItem.user(a);
          int ub = byItem.user(b);
          if (ua == ub) both[m++] = ua;
          if (ua <= ub) a++;
          if (ub <= ua) b++;
        }
        users[k] = Arrays.copyOf(both, m);
      }
    });
    return users;
  }

  /** Z as users × pairs interactions, for its Gram matrix ZᵀZ. */
  private Interactions pairRows(int[][] pairUsers) {
    int numUsers = history.numUsers();
    int[] offsets = new int[numUsers + 1];
    for (int[] us : pairUsers) for (int u : us) offsets[u + 1]++;
    for (int u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];
    int[] fill = Arrays.copyOf(offsets, numUsers);
    int[] pairIdx = new int[offsets[numUsers]];
    for (int k = 0; k < pairUsers.length; k++) for (int u : pairUsers[k]) pairIdx[fill[u]++] = k;
    return new Interactions(numUsers, pairUsers.length, offsets, pairIdx, new long[pairIdx.length]);
  }

  /** ZᵀX (pairs × n): how many users have both items of a pair and the item. */
  private float[] pairItemCounts(int[][] pairUsers, int n) {
    float[] zx = new float[pairUsers.length * n];
    Parallel.forRange(pairUsers.length, 16, (from, to) -> {
      for (int k = from; k < to; k++) {
        for (int u : pairUsers[k]) for (int e = history.start(u); e < history.end(u); e++) zx[k * n + history.item(e)]++;
      }
    });
    return zx;
  }

  @Override
  public void score(int[] users, float[] out) {
    int n = history.numItems();
    Products.sumRows(history, users, itemWeights, n, out);
    if (first.length == 0) return;
    // The pairs starting at each item, so that a user's pairs are found from their history.
    int[] start = new int[n + 1];
    for (int a : first) start[a + 1]++;
    for (int i = 0; i < n; i++) start[i + 1] += start[i];
    int[] fill = Arrays.copyOf(start, n);
    int[] byFirst = new int[first.length];
    for (int k = 0; k < first.length; k++) byFirst[fill[first[k]]++] = k;
    Parallel.forRange(users.length, 8, (from, to) -> {
      boolean[] has = new boolean[n];
      for (int b = from; b < to; b++) {
        int u = users[b];
        for (int e = history.start(u); e < history.end(u); e++) has[history.item(e)] = true;
        for (int e = history.start(u); e < history.end(u); e++) {
          int a = history.item(e);
          for (int s = start[a]; s < start[a + 1]; s++) {
            int k = byFirst[s];
            if (!has[second[k]]) continue;
            for (int j = 0; j < n; j++) out[b * n + j] += pairWeights[k * n + j];
          }
        }
        for (int e = history.start(u); e < history.end(u); e++) has[history.item(e)] = false;
      }
    });
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
    ArrayIO.writer(out, FORMAT).writeInt(history.numItems()).writeFloats(itemWeights).writeInts(first).writeInts(second).writeFloats(pairWeights)
        .writeHistories(history).finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, FORMAT);
    int n = io.readInt();
    float[] b = io.readFloats();
    int[] a = io.readInts();
    int[] c = io.readInts();
    float[] d = io.readFloats();
    Interactions h = io.readHistories();
    if (b.length != n * n || a.length != c.length || d.length != a.length * n || h.numItems() != n) {
      throw new IOException("inconsistent model file of format " + FORMAT);
    }
    itemWeights = b;
    first = a;
    second = c;
    pairWeights = d;
    history = h;
  }
}
