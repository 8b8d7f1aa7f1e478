package movierec.models.ffm;

import movierec.core.model.InvalidParamException;
import movierec.models.features.PairLoss;

/**
 * @param factors embedding dimensions per feature and field; a user has one per item field (5), so 16
 *     scores with 81 numbers per item, about FM's cost at 64
 * @param learningRate AdaGrad step; 0.1 as measured for FM
 * @param regularization L2 weight on the rows each batch touches, applied at every step
 * @param epochs passes of as many sampled positives as there are interactions; early stopping keeps the
 *     best epoch
 * @param negatives sampled unwatched items per positive; 4 as measured for FM
 * @param batchSize sampled positives per AdaGrad step, each with its negatives; 256 makes ~390 steps an
 *     epoch on ml-latest-small and ~20k at the competition's scale, each with ~1,300 rows
 * @param loss {@code logloss} (pointwise) or {@code bpr} (pairwise); logloss measured better for FM
 */
public record FfmParams(int factors, double learningRate, double regularization, int epochs, int negatives, int batchSize, String loss) {
  public FfmParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
    InvalidParamException.check(batchSize > 0, "batchSize", "must be > 0");
    InvalidParamException.check(PairLoss.isValid(loss), "loss", "must be bpr or logloss");
  }

  public FfmParams() {
    this(16, 0.1, 0.002, 20, 4, 256, "logloss");
  }
}
