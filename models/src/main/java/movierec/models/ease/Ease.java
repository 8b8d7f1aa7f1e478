package movierec.models.ease;

import movierec.core.data.Interactions;
import movierec.models.linalg.ItemWeightsModel;
import movierec.models.linalg.Lapack;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.SparseGram;

/**
 * EASE: H. Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019. An item-item weight
 * matrix B with zero diagonal, in closed form: P = (XᵀX + λI)⁻¹, B = I − P·diag(1/diag(P)). A user's
 * scores are their history row times B.
 */
public final class Ease extends ItemWeightsModel {
  private static final String FORMAT = "movierec.ease.v1";

  private final EaseParams params;

  public Ease(EaseParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected float[] weights(Interactions history) {
    int n = history.numItems();
    float[] p = SparseGram.of(history);
    for (int i = 0; i < n; i++) p[i * n + i] += (float) params.lambda();
    return zeroDiagonalSolution(p, n);
  }

  /**
   * The zero-diagonal least-squares weights for a regularized Gram matrix G = XᵀX + Λ (Λ diagonal):
   * P = G⁻¹, B = I − P·diag(1/diag(P)). Overwrites and returns {@code regularizedGram}. EASE has Λ = λI;
   * EDLAE has an item-specific Λ.
   */
  public static float[] zeroDiagonalSolution(float[] regularizedGram, int n) {
    float[] p = regularizedGram;
    Lapack.invertSpd(p, n);
    float[] diag = SparseGram.diagonal(p, n);
    // In place: B[i][j] = −P[i][j] / P[j][j] off the diagonal, 0 on it.
    Parallel.forRange(n, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) p[row + j] = -p[row + j] / diag[j];
        p[row + i] = 0f;
      }
    });
    return p;
  }
}
