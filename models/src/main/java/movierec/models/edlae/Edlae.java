package movierec.models.edlae;

import movierec.core.data.Interactions;
import movierec.models.ease.Ease;
import movierec.models.linalg.ItemWeightsModel;
import movierec.models.linalg.SparseGram;

/**
 * EDLAE: H. Steck, "Autoencoders that don't overfit towards the Identity", NeurIPS 2020. The full-rank
 * linear autoencoder trained with emphasized dropout has the closed form of EASE with an item-specific
 * regularizer Λ = p/(1−p)·diag(XᵀX) + λI: P = (XᵀX + Λ)⁻¹, B = I − P·diag(1/diag(P)).
 */
public final class Edlae extends ItemWeightsModel {
  private static final String FORMAT = "movierec.edlae.v1";

  private final EdlaeParams params;

  public Edlae(EdlaeParams params) {
    super(FORMAT);
    this.params = params;
  }

  @Override
  protected float[] weights(Interactions history) {
    int n = history.numItems();
    float[] g = SparseGram.of(history);
    double emphasis = params.dropout() / (1 - params.dropout());
    for (int i = 0; i < n; i++) g[i * n + i] += (float) (emphasis * g[i * n + i] + params.lambda());
    return Ease.zeroDiagonalSolution(g, n);
  }
}
