package movierec.core.model;

/**
 * Called by iterative families after each epoch. The listener evaluates the model on the validation
 * answers, records metrics (MLflow step = epoch), and says whether this epoch is the best so far and
 * whether to stop (early stopping).
 */
@FunctionalInterface
public interface EpochListener {
  /** Accepts every epoch as the best and never stops: for fits without validation. */
  EpochListener NONE = (epoch, loss) -> new Outcome(true, false);

  /**
   * @param epoch 1-based
   * @param loss training loss of the epoch, NaN when the family has none
   */
  Outcome onEpoch(int epoch, double loss);

  record Outcome(boolean best, boolean stop) {}
}
