package movierec.models.higherease;

import movierec.core.model.InvalidParamException;

/**
 * @param lambda L2 regularization of the item-item weights B, EASE's λ (500 as EASE's best on the
 *     competition data; the paper's ML-20M setting too)
 * @param pairLambda L2 regularization of the pair-item weights C; the paper uses 10 × λ on ML-20M, since a
 *     pair is rarer than either of its items
 * @param rho ADMM penalty on the constraint that a pair does not predict its own items; large (the
 *     paper's ML-20M value is 100 × λ), so that C obeys it after a few dozen steps
 * @param pairs how many item pairs get weights: those that co-occur most often (ties to the lower
 *     indices). 0 is EASE. Each ADMM step is a pairs² × items GEMM, so the cost grows with its square:
 *     2,000 pairs at the competition's 6,807 items is ~55 GFLOP a step
 * @param iterations ADMM steps
 */
public record HigherEaseParams(double lambda, double pairLambda, double rho, int pairs, int iterations) {
  public HigherEaseParams {
    InvalidParamException.check(lambda > 0 && Double.isFinite(lambda), "lambda", "must be > 0");
    InvalidParamException.check(pairLambda > 0 && Double.isFinite(pairLambda), "pairLambda", "must be > 0");
    InvalidParamException.check(rho > 0 && Double.isFinite(rho), "rho", "must be > 0");
    InvalidParamException.check(pairs >= 0 && pairs <= 20_000, "pairs", "must be in [0, 20000]");
    InvalidParamException.check(iterations > 0, "iterations", "must be > 0");
  }

  public HigherEaseParams() {
    this(500, 5000, 50_000, 2000, 40);
  }
}
