package movierec.models.edlae;

import movierec.core.model.InvalidParamException;

/**
 * @param lambda L2 regularization shared by all items, as EASE's (here smaller, since dropout adds its own)
 * @param dropout the emphasized dropout probability p; it regularizes item i by p/(1−p)·|users of i|, so
 *     popular items are held back more. Steck reports p ≈ 0.25–0.33 best on MovieLens-20M
 */
public record EdlaeParams(double lambda, double dropout) {
  public EdlaeParams {
    // λ > 0 even with dropout: an item nobody has seen would otherwise make XᵀX + Λ singular.
    InvalidParamException.check(lambda > 0 && Double.isFinite(lambda), "lambda", "must be > 0");
    InvalidParamException.check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
  }

  public EdlaeParams() {
    this(100, 0.25);
  }
}
