package movierec.models.rp3beta;

import movierec.core.model.InvalidParamException;

/**
 * @param alpha exponent on the random walk's transition probabilities; 1 is the plain three-step walk
 *     (P3), smaller flattens it. Paudel et al. and later re-runs find 0.5–1 best on MovieLens
 * @param beta how strongly an item's popularity divides its walk probability (0 = P3alpha); 0.2–0.6 is
 *     the usual optimum, trading accuracy for the long tail
 * @param neighbours how many of each item's strongest walk weights are kept (0 = all); pruning the
 *     weak tail is what makes the walk accurate (the reference implementations keep ~100)
 */
public record Rp3betaParams(double alpha, double beta, int neighbours) {
  public Rp3betaParams {
    InvalidParamException.check(alpha > 0 && alpha <= 2, "alpha", "must be in (0, 2]");
    InvalidParamException.check(beta >= 0 && beta <= 1, "beta", "must be in [0, 1]");
    InvalidParamException.check(neighbours >= 0, "neighbours", "must be >= 0");
  }

  public Rp3betaParams() {
    this(0.8, 0.3, 100);
  }
}
