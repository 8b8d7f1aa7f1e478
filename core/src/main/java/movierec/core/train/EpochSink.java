package movierec.core.train;

import movierec.core.eval.Evaluation;

/** Receives each validated epoch (tracking logs it with step = epoch). */
@FunctionalInterface
public interface EpochSink {
  EpochSink NONE = (epoch, loss, evaluation, seconds) -> {};

  /**
   * @param loss NaN when the family reports none
   * @param seconds training time of the epoch, evaluation excluded
   */
  void epoch(int epoch, double loss, Evaluation evaluation, double seconds);
}
