package movierec.models.bpr;

import movierec.core.model.InvalidParamException;

/**
 * @param factors latent dimensions (plus an item bias); 64 as for iALS
 * @param learningRate SGD step; 0.05 is stable with factors initialised at 0.1 scale
 * @param regularization L2 weight on the factors and biases touched by each step (Rendle's λ), small
 *     because it is applied at every sampled update
 * @param epochs most passes of as many sampled triples as there are interactions; a cap for early stopping
 *     (ml-latest-small peaks at epoch 30, ml-1m later)
 * @param negatives sampled negative items per positive; more sharpens the ranking at linear cost
 */
public record BprParams(int factors, double learningRate, double regularization, int epochs, int negatives) {
  public BprParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
  }

  public BprParams() {
    this(64, 0.05, 0.002, 200, 1);
  }
}
