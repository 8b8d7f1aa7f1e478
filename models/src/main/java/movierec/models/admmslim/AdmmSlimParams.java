package movierec.models.admmslim;

import movierec.core.model.InvalidParamException;

/**
 * @param lambda1 L1 weight on the item-item weights: drives small weights to exactly zero; 1–3 pruned
 *     weak co-occurrences and slightly beat lambda1 = 0 on the synthetic small set, 10 cost accuracy
 * @param lambda2 L2 weight, the EASE λ (with lambda1 = 0 the fit converges to EASE with λ = lambda2);
 *     500 as EASE's best on the competition data
 * @param rho ADMM penalty; equal to lambda2 settles the ranking in ~15 steps on the synthetic small set
 *     (a much larger ρ converges more slowly, a much smaller one oscillates)
 * @param iterations ADMM steps, each a dense n³ GEMM (~5 s at the competition's n = 6,807); on the
 *     synthetic small set 15 and 50 steps gave the same Recall@10, so 20 leaves a margin
 * @param nonnegative keep only positive weights (SLIM's constraint); beat signed weights on the
 *     synthetic small set (Recall@10 0.184 against 0.179)
 */
public record AdmmSlimParams(double lambda1, double lambda2, double rho, int iterations, boolean nonnegative) {
  public AdmmSlimParams {
    InvalidParamException.check(lambda1 >= 0 && Double.isFinite(lambda1), "lambda1", "must be >= 0");
    InvalidParamException.check(lambda2 >= 0 && Double.isFinite(lambda2), "lambda2", "must be >= 0");
    InvalidParamException.check(rho > 0 && Double.isFinite(rho), "rho", "must be > 0");
    InvalidParamException.check(iterations > 0, "iterations", "must be > 0");
  }

  public AdmmSlimParams() {
    this(1, 500, 500, 20, true);
  }
}
