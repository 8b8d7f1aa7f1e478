package movierec.core.model;

import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;

/**
 * What a fit sees: the training interactions, item side information, the seed every random choice
 * derives from, a cap on epochs below the family's own {@code epochs} param (the best validation epoch
 * when refitting on all data; a benchmark's fixed budget), the budget the cap came from (the plan's cap
 * in both cases), and the listener that evaluates each epoch.
 */
public record TrainContext(Interactions train, ItemSide side, long seed, int epochCap, int epochBudget, EpochListener listener) {

  public static TrainContext of(Interactions train, ItemSide side, long seed) {
    return new TrainContext(train, side, seed, Integer.MAX_VALUE, Integer.MAX_VALUE, EpochListener.NONE);
  }


  /** Epochs to run for a family whose params ask for {@code requested}. */
  public int epochs(int requested) {
    return Math.min(requested, epochCap);
  }

  /**
   * Epochs to run of a stage that the listener does not see (S3Rec's pre-training): bounded by the budget
   * rather than the cap, so that a refit repeats the validated fit's stage whatever its best epoch.
   */
  public int unvalidatedEpochs(int requested) {
    return Math.min(requested, epochBudget);
  }
}
