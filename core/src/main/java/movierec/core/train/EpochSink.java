package movierec.core.train;

import movierec.core.eval.Evaluation;

/** Receives each validated epoch (tracking logs it with step = epoch) and may stop the fit there (a pruner). */
@FunctionalInterface
public interface EpochSink {
  EpochSink NONE = (epoch, loss, evaluation, seconds) -> null;

  /**
   * @param loss NaN when the family reports none
   * @param seconds training time of the epoch, evaluation excluded
   * @return why training should stop after this epoch (e.g. a pruner's reason), or null to go on
   */
  String epoch(int epoch, double loss, Evaluation evaluation, double seconds);
}
