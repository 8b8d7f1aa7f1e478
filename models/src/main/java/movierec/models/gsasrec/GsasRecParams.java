package movierec.models.gsasrec;

import movierec.core.model.InvalidParamException;
import movierec.models.sasrec.SasRecParams;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceParams;

/**
 * SASRec's params (see {@link SasRecParams}) with gBCE's in place of its loss.
 *
 * @param hidden embedding and block width
 * @param maxLen items of history read
 * @param blocks self-attention blocks (the paper's 2)
 * @param heads attention heads; must divide hidden (the paper's 1)
 * @param dropout rate on embeddings and block outputs
 * @param learningRate Adam step
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize windows per Adam step
 * @param epochs upper bound; early stopping picks the best
 * @param negatives unseen items sampled per predicted position, k (the paper's 256)
 * @param calibration t in [0, 1]: 0 is plain BCE over the k negatives, 1 fully calibrated scores; the paper's
 *     0.75 was best or near it on every dataset it tried
 * @param pooling {@code mean} or {@code last}, as SASRec's
 */
public record GsasRecParams(int hidden, int maxLen, int blocks, int heads, double dropout, double learningRate, double l2, int batchSize, int epochs,
    int negatives, double calibration, String pooling) implements SequenceParams {
  public GsasRecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(blocks > 0, "blocks", "must be > 0");
    InvalidParamException.check(heads > 0 && hidden % heads == 0, "heads", "must be > 0 and divide hidden");
    InvalidParamException.check(negatives > 0, "negatives", "must be > 0");
    InvalidParamException.check(calibration >= 0 && calibration <= 1, "calibration", "must be in [0, 1]");
    Pooling.parse(pooling, "pooling");
  }

  public GsasRecParams() {
    this(64, 50, 2, 1, 0.2, 0.005, 0.0, 64, 30, 256, 0.75, "mean");
  }

  /** The SASRec model these params train: its sampled BCE objective, which the negatives and calibration generalise. */
  SasRecParams sasrec() {
    return new SasRecParams(hidden, maxLen, blocks, heads, dropout, learningRate, l2, batchSize, epochs, "bce", pooling);
  }
}
