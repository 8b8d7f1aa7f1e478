package movierec.models.ials;

import movierec.core.model.InvalidParamException;

/**
 * @param factors latent dimensions; 64 is a common middle ground (quality flattens past ~100 on
 *     MovieLens-sized data while each epoch's cost grows with its square)
 * @param alpha confidence of an observed interaction is 1 + alpha; 20 (Hu et al. use 40 on counts,
 *     binary watches carry less evidence each) beat 5 and 10 on the synthetic small set
 * @param regularization L2 weight (λ) on both factor matrices; 50 beat 1 and 10 on the synthetic small
 *     set (strong regularization keeps rarely watched items from fitting noise)
 * @param epochs most alternating sweeps (users then items); a cap for early stopping, which ends the fit
 *     once validation stops improving (ml-latest-small was still gaining at the old cap of 12; ml-1m peaks near 15)
 * @param cgSteps conjugate-gradient steps per row solve, warm-started from the previous epoch; Takács et
 *     al. find 3 as good as an exact solve
 */
public record IalsParams(int factors, double alpha, double regularization, int epochs, int cgSteps) {
  public IalsParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(alpha > 0 && Double.isFinite(alpha), "alpha", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
    InvalidParamException.check(cgSteps > 0, "cgSteps", "must be > 0");
  }

  public IalsParams() {
    this(64, 20, 50, 50, 3);
  }
}
