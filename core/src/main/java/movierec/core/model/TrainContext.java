package movierec.core.model;

import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;

/**
 * What a fit sees: the training interactions, item side information, the seed every random choice
 * derives from, a cap on epochs (a sweep's max epochs, or the best validation epoch when refitting on
 * all data), and the listener that evaluates each epoch.
 */
public record TrainContext(Interactions train, ItemSide side, long seed, int epochCap, EpochListener listener) {

  public static TrainContext of(Interactions train, ItemSide side, long seed) {
    return new TrainContext(train, side, seed, Integer.MAX_VALUE, EpochListener.NONE);
  }


  /** Epochs to run for a family whose params ask for {@code requested}. */
  public int epochs(int requested) {
    return Math.min(requested, epochCap);
  }
}
