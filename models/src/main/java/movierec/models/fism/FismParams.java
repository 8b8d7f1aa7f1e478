package movierec.models.fism;

import movierec.core.model.InvalidParamException;

/**
 * @param factors latent dimensions of both item embedding tables; 64 as for BPR and iALS
 * @param alpha a user's aggregated history is scaled by n^−alpha (n = history length): 0 sums, 1
 *     averages; Kabbur et al. find 0.4–0.5 best on most data sets
 * @param learningRate SGD step; on the synthetic small set 0.003 kept improving for 14 epochs (Recall@10
 *     0.159) while 0.01 peaked at epoch 5 (0.148) and 0.05 diverged
 * @param regularization L2 weight (β) on both embedding tables, applied at every update; 0.01 beat 0.0001
 *     and 0.001 on the synthetic small set; 0.1 (with 10 negatives) gave ml-latest-small 0.1154 but ml-1m
 *     only 0.1346 after 28 epochs, still creeping up
 * @param biasRegularization L2 weight (γ) on the item biases; light, since a bias is one number fitted
 *     from all of an item's interactions
 * @param negatives unwatched items sampled per watched one (the paper's ρ); 10 at linear cost: on
 *     ml-latest-small 3 peaked at 0.0941 by epoch 12 (1.22x MostPopular), 10 reached 0.1082 (1.40x); ml-1m
 *     0.1451 (3 gave 0.1566 there)
 * @param epochs most passes over every user's watched items; a cap for early stopping, which keeps the
 *     best epoch (14 on the synthetic small set, later on real data at this learning rate)
 */
public record FismParams(int factors, double alpha, double learningRate, double regularization, double biasRegularization, int negatives, int epochs) {
  public FismParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(alpha >= 0 && alpha <= 1, "alpha", "must be in [0, 1]");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(biasRegularization >= 0 && Double.isFinite(biasRegularization), "biasRegularization", "must be >= 0");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
  }

  public FismParams() {
    this(64, 0.5, 0.003, 0.01, 0.0001, 10, 200);
  }
}
