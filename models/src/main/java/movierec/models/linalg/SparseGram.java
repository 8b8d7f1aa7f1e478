package movierec.models.linalg;

import java.util.Arrays;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;

/**
 * The item-item co-occurrence matrix XᵀX of a binary user-item matrix, dense and row-major, counted
 * pair by pair from the sparse rows. At the competition's density (2.4 %) this beats a dense GEMM or
 * SYRK several times over (facts.md: 5.8 s on one thread for all pairs, against 11 s for cblas_ssyrk).
 */
public final class SparseGram {
  private SparseGram() {}

  /** Returns XᵀX as numItems × numItems floats (exact: counts stay far below 2²⁴). */
  public static float[] of(Interactions x) {
    float[] ones = new float[x.numUsers()];
    Arrays.fill(ones, 1f);
    return of(x, ones);
  }

  /** Returns XᵀWX, W = diag(userWeight): each user's pairs count with that user's weight. */
  public static float[] of(Interactions x, float[] userWeight) {
    int n = x.numItems();
    int nnz = x.size();
    // Rows sorted by item, concatenated, so that "the items after i in this user's row" is a tail.
    int[] sorted = new int[nnz];
    int[] rowEnd = new int[nnz];
    float[] rowWeight = new float[nnz];
    for (int u = 0; u < x.numUsers(); u++) {
      for (int e = x.start(u); e < x.end(u); e++) {
        sorted[e] = x.item(e);
        rowEnd[e] = x.end(u);
        rowWeight[e] = userWeight[u];
      }
      Arrays.sort(sorted, x.start(u), x.end(u));
    }
    // Transpose: for each item, the positions in `sorted` where it occurs.
    int[] colStart = new int[n + 1];
    for (int e = 0; e < nnz; e++) colStart[sorted[e] + 1]++;
    for (int i = 0; i < n; i++) colStart[i + 1] += colStart[i];
    int[] fill = Arrays.copyOf(colStart, n);
    int[] positions = new int[nnz];
    for (int e = 0; e < nnz; e++) positions[fill[sorted[e]]++] = e;

    float[] g = new float[n * n];
    // Row i of the upper triangle is the sum of the tails (from i on) of the rows that contain i. It
    // accumulates in place: one 27 KB row stays in L1/L2 while it fills, unlike scattering pairs over
    // the whole matrix. Rows are independent, so they run in parallel without locks.
    IntStream.range(0, n).parallel().forEach(i -> {
      int base = i * n;
      for (int c = colStart[i]; c < colStart[i + 1]; c++) {
        float w = rowWeight[positions[c]];
        for (int e = positions[c], end = rowEnd[positions[c]]; e < end; e++) g[base + sorted[e]] += w;
      }
    });
    mirrorUpper(g, n);
    return g;
  }

  /** Copies the upper triangle of a row-major square matrix into its lower triangle. */
  public static void mirrorUpper(float[] a, int n) {
    // Blocks keep both the rows read and the rows written in cache.
    int block = 64;
    Parallel.forRange((n + block - 1) / block, 1, (from, to) -> {
      for (int bi = from * block; bi < Math.min(n, to * block); bi += block) {
        for (int bj = 0; bj <= bi; bj += block) {
          for (int i = bi; i < Math.min(n, bi + block); i++) {
            for (int j = bj; j < Math.min(i, bj + block); j++) a[i * n + j] = a[j * n + i];
          }
        }
      }
    });
  }

  /** Diagonal of a row-major square matrix. */
  public static float[] diagonal(float[] a, int n) {
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = a[i * n + i];
    return d;
  }
}
