package movierec.models.s3rec;

import movierec.core.model.InvalidParamException;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceParams;

/**
 * @param hidden embedding and block width; 64 keeps a CPU epoch on the small data to seconds
 * @param maxLen items of history read (the paper's 50)
 * @param blocks self-attention blocks (the paper's 2)
 * @param heads attention heads; must divide hidden (the paper's 2)
 * @param dropout rate on embeddings and block outputs (the paper's 0.2)
 * @param maskProbability share of a window's items masked for masked item prediction (the paper's 0.2)
 * @param aapWeight weight of associated attribute prediction against masked item prediction (RecBole's 0.2)
 * @param mapWeight weight of masked attribute prediction (RecBole's 1)
 * @param pretrainEpochs self-supervised epochs before fine-tuning, at most the trial's max epochs (a
 *     trial capped at 2 epochs pre-trains 2 and fine-tunes 2; its refit pre-trains as many again); 0
 *     makes the family SASRec
 * @param pretrainLearningRate Adam step in pre-training (the paper's 0.001); on the small synthetic data
 *     the fine-tuning step of 0.01 there left every user's representation alike and fine-tuning at
 *     popularity, 0.001 did not
 * @param learningRate Adam step in fine-tuning (the paper's 0.001; see SASRec's for why more)
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize windows per Adam step (the paper's 256 for fine-tuning)
 * @param epochs fine-tuning epochs, an upper bound; early stopping picks the best
 * @param loss fine-tuning loss: {@code softmax} (full cross-entropy over items) or {@code bce} (the
 *     paper's one sampled negative per position, which then also scores masked item prediction)
 * @param pooling {@code mean} (the window's positions averaged: suits answers that include random earlier
 *     items, as the default holdout split and the competition's hidden set do) or {@code last} (the
 *     paper's last position: the next item)
 */
public record S3RecParams(int hidden, int maxLen, int blocks, int heads, double dropout, double maskProbability, double aapWeight, double mapWeight,
    int pretrainEpochs, double pretrainLearningRate, double learningRate, double l2, int batchSize, int epochs, String loss, String pooling) implements SequenceParams {
  public S3RecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(blocks > 0, "blocks", "must be > 0");
    InvalidParamException.check(heads > 0 && hidden % heads == 0, "heads", "must be > 0 and divide hidden");
    InvalidParamException.check(maskProbability > 0 && maskProbability < 1, "maskProbability", "must be in (0, 1)");
    InvalidParamException.check(aapWeight >= 0 && Double.isFinite(aapWeight), "aapWeight", "must be >= 0");
    InvalidParamException.check(mapWeight >= 0 && Double.isFinite(mapWeight), "mapWeight", "must be >= 0");
    InvalidParamException.check(pretrainEpochs >= 0, "pretrainEpochs", "must be >= 0");
    InvalidParamException.check(pretrainLearningRate > 0 && Double.isFinite(pretrainLearningRate), "pretrainLearningRate", "must be > 0");
    Objective.parse(loss, "loss");
    Pooling.parse(pooling, "pooling");
  }

  public S3RecParams() {
    this(64, 50, 2, 2, 0.2, 0.2, 0.2, 1.0, 5, 0.001, 0.005, 0.0, 64, 30, "softmax", "mean");
  }
}
