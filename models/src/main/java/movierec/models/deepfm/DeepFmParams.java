package movierec.models.deepfm;

import movierec.core.model.InvalidParamException;
import movierec.models.features.PairLoss;

/**
 * @param factors embedding dimensions per feature, shared by the FM and the MLP; 16 keeps the MLP's input
 *     (6 fields × 16) and its per-pair cost small
 * @param hidden1 width of the first ReLU layer; small because full ranking evaluates the layers after it
 *     on every (user, item) pair
 * @param hidden2 width of the second ReLU layer
 * @param learningRate AdaGrad step, for the embeddings and the MLP
 * @param regularization L2 weight on the embedding rows each batch touches and on the MLP weights
 * @param epochs passes of as many sampled positives as there are interactions
 * @param negatives sampled unwatched items per positive
 * @param batchSize sampled positives per AdaGrad step, each with its negatives; 256 makes ~390 steps an
 *     epoch on ml-latest-small and ~20k at the competition's scale, each with ~1,300 rows
 *     for the SGEMMs
 * @param loss {@code bpr} (pairwise) or {@code logloss} (pointwise)
 */
public record DeepFmParams(int factors, int hidden1, int hidden2, double learningRate, double regularization, int epochs, int negatives,
    int batchSize, String loss) {
  public DeepFmParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(hidden1 > 0, "hidden1", "must be > 0");
    InvalidParamException.check(hidden2 > 0, "hidden2", "must be > 0");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
    InvalidParamException.check(batchSize > 0, "batchSize", "must be > 0");
    InvalidParamException.check(PairLoss.isValid(loss), "loss", "must be bpr or logloss");
  }

  public DeepFmParams() {
    this(16, 64, 32, 0.05, 0.0001, 20, 4, 256, "logloss");
  }
}
