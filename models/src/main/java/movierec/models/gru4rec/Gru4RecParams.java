package movierec.models.gru4rec;

import movierec.core.model.InvalidParamException;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceParams;

/**
 * @param hidden embedding and GRU state width; 64 keeps a CPU epoch on the small data to seconds
 * @param maxLen items of history read (the GRU runs over them in order)
 * @param layers stacked GRU layers (the paper found one best)
 * @param dropout rate on the GRU's input and output
 * @param learningRate Adam step (see SASRec's: small steps leave popularity late)
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize windows per Adam step
 * @param epochs upper bound; early stopping picks the best
 * @param loss {@code softmax} (full cross-entropy over items, as in GRU4Rec's later versions) or
 *     {@code bce} (one sampled negative per position)
 * @param pooling {@code mean} (the window's positions averaged: suits answers that include random earlier
 *     items, as the default holdout split and the competition's hidden set do) or {@code last} (the
 *     paper's last position: the next item)
 */
public record Gru4RecParams(int hidden, int maxLen, int layers, double dropout, double learningRate, double l2, int batchSize, int epochs, String loss, String pooling)
    implements SequenceParams {
  public Gru4RecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(layers > 0, "layers", "must be > 0");
    Objective.parse(loss, "loss");
    Pooling.parse(pooling, "pooling");
  }

  public Gru4RecParams() {
    this(64, 50, 1, 0.2, 0.005, 0.0, 64, 30, "softmax", "mean");
  }
}
