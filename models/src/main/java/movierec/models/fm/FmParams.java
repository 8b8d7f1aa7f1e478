package movierec.models.fm;

import movierec.core.model.InvalidParamException;
import movierec.models.features.PairLoss;

/**
 * @param factors embedding dimensions per feature; 64 as for BPR-MF
 * @param learningRate AdaGrad step; measured with per-pair steps (before mini-batches) on the synthetic
 *     small set: 0.02 had barely left popularity after 12 epochs (Recall@10 0.113), 0.05 reached 0.158 at
 *     12 and 0.1 peaked near epoch 10 (0.158)
 * @param regularization L2 weight on the rows each batch touches, applied at every step
 * @param epochs passes of as many sampled positives as there are interactions; early stopping keeps the
 *     best epoch
 * @param negatives sampled unwatched items per positive; 4 against 1 raised Recall@10 from 0.143 to 0.158
 *     (logloss, 12 epochs)
 * @param batchSize sampled positives per AdaGrad step, each with its negatives; 256 makes ~390 steps an
 *     epoch on ml-latest-small and ~20k at the competition's scale, each with ~1,300 rows
 * @param loss {@code logloss} (pointwise) or {@code bpr} (pairwise); logloss measured better on the
 *     synthetic small set with the same 4 negatives and step 0.1 (Recall@10 0.158 against BPR's 0.142)
 */
public record FmParams(int factors, double learningRate, double regularization, int epochs, int negatives, int batchSize, String loss) {
  public FmParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
    InvalidParamException.check(batchSize > 0, "batchSize", "must be > 0");
    InvalidParamException.check(PairLoss.isValid(loss), "loss", "must be bpr or logloss");
  }

  public FmParams() {
    this(64, 0.1, 0.002, 20, 4, 256, "logloss");
  }
}
