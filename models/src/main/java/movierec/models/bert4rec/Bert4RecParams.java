package movierec.models.bert4rec;

import movierec.core.model.InvalidParamException;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceParams;

/**
 * @param hidden embedding and block width; 64 keeps a CPU epoch on the small data to seconds
 * @param maxLen items of history read, the appended mask token included when scoring
 * @param blocks bidirectional self-attention blocks (the paper's L = 2)
 * @param heads attention heads; must divide hidden (the paper's h = 2)
 * @param dropout rate on embeddings and block outputs (the paper's 0.1)
 * @param maskProbability share of a window's items replaced by the mask token in training (the paper
 *     found 0.2 best on MovieLens-1M)
 * @param maskLatest also mask every window's latest item: the next-item task that scoring asks, as the
 *     paper's extra samples with only the last item masked (only random masks: the model learns the
 *     scoring position from ~20% of the windows)
 * @param learningRate Adam step (the paper's 1e-4 needs hundreds of epochs; SASRec's 0.005 kept the cloze loss
 *     from falling: at 0.002 Amazon Beauty reached at epoch 22 what 0.005 reached at epoch 93)
 * @param l2 L2 weight on all parameters; 0 leaves regularisation to dropout
 * @param batchSize windows per Adam step (the paper's 256; 64 gives 4× the steps per epoch)
 * @param epochs upper bound; early stopping picks the best. The cloze task gives a window a few targets where
 *     SASRec's next-item task gives one per item, so BERT4Rec needs more epochs, as Petrov and Macdonald
 *     found: on Amazon Beauty (leave-last-out) 30 epochs reached 0.64× SASRec's Recall@10, 100 reach 0.90×
 *     (best epoch 93), still gaining slowly
 * @param pooling {@code last}: the output at a mask appended after the latest item, the next item, as the paper
 *     scores; {@code mean}: the mean of that and of the outputs at every item of the window, each masked once at
 *     the training density (1 + 1/maskProbability passes), which asks for the items a user's history implies, as
 *     answers drawn from the middle of a history are (ml-latest-small, last 1 + 9 random: 0.1084 against 0.0946)
 */
public record Bert4RecParams(int hidden, int maxLen, int blocks, int heads, double dropout, double maskProbability, boolean maskLatest,
    double learningRate, double l2, int batchSize, int epochs, String pooling) implements SequenceParams {
  public Bert4RecParams {
    SequenceParams.validate(hidden, maxLen, dropout, learningRate, l2, batchSize, epochs);
    InvalidParamException.check(blocks > 0, "blocks", "must be > 0");
    InvalidParamException.check(heads > 0 && hidden % heads == 0, "heads", "must be > 0 and divide hidden");
    InvalidParamException.check(maskProbability > 0 && maskProbability < 1, "maskProbability", "must be in (0, 1)");
    Pooling.parse(pooling, "pooling");
  }

  public Bert4RecParams() {
    this(64, 50, 2, 2, 0.1, 0.2, true, 0.002, 0.0, 64, 100, "mean");
  }
}
