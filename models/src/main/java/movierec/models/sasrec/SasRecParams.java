package movierec.models.sasrec;

import movierec.core.model.InvalidParamException;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceParams;

/**
 * @param hidden embedding and block width; 64 keeps a CPU epoch on the small data to seconds
 * @param maxLen items of history read; 50 covers most of a median competition history's recent part
 * @param blocks self-attention blocks (the paper's b = 2)
 * @param heads attention heads; must divide hidden (the paper uses 1)
 * @param dropout rate on embeddings and block outputs (the paper: 0.2 on MovieLens-1M)
 * @param learningRate Adam step; the paper's 0.001 with batches of 128 had not left the popularity
 *     plateau after 10 epochs on the small synthetic data (24 steps an epoch), 0.01 with 32 left it in 3
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize windows per Adam step (the paper's 128; smaller batches give more steps per epoch)
 * @param epochs upper bound; early stopping picks the best
 * @param loss {@code softmax} (full cross-entropy over items) or {@code bce} (the paper's one sampled
 *     negative per position)
 * @param pooling {@code mean} (the window's positions averaged: suits answers that include random earlier
 *     items, as the default holdout split and the competition's hidden set do) or {@code last} (the
 *     paper's last position: the next item)
 */
public record SasRecParams(int hidden, int maxLen, int blocks, int heads, double dropout, double learningRate, double l2, int batchSize, int epochs, String loss, String pooling)
    implements SequenceParams {
  public SasRecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(blocks > 0, "blocks", "must be > 0");
    InvalidParamException.check(heads > 0 && hidden % heads == 0, "heads", "must be > 0 and divide hidden");
    Objective.parse(loss, "loss");
    Pooling.parse(pooling, "pooling");
  }

  public SasRecParams() {
    this(64, 50, 2, 1, 0.2, 0.005, 0.0, 64, 30, "softmax", "mean");
  }
}
