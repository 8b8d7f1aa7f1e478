package movierec.models.gru4rec;

import movierec.core.model.InvalidParamException;
import movierec.models.seq.Objective;
import movierec.models.seq.SequenceParams;

/**
 * @param hidden embedding and GRU state width; 64 keeps a CPU epoch on the small data to seconds
 * @param maxLen items of history read (the GRU runs over them in order)
 * @param layers stacked GRU layers (the paper found one best)
 * @param dropout rate on the GRU's input and output
 * @param learningRate Adam step
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize users per Adam step
 * @param epochs upper bound; early stopping picks the best
 * @param loss {@code softmax} (full cross-entropy over items, as in GRU4Rec's later versions) or
 *     {@code bce} (one sampled negative per position)
 */
public record Gru4RecParams(int hidden, int maxLen, int layers, double dropout, double learningRate, double l2, int batchSize, int epochs, String loss)
    implements SequenceParams {
  public Gru4RecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(layers > 0, "layers", "must be > 0");
    Objective.parse(loss, "loss");
  }

  public Gru4RecParams() {
    this(64, 50, 1, 0.2, 0.002, 0.0, 128, 30, "softmax");
  }
}
