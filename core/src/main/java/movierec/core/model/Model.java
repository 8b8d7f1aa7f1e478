package movierec.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A model family's trainable model. Built from its params record by the family's factory, fitted once,
 * then asked for scores. Families whose fitted state is worth keeping override {@link #save}/{@link
 * #load} and answer true to {@link #persistable()}.
 */
public interface Model extends Recommender {

  /** Fits on {@code ctx.train()}; iterative families report each epoch to {@code ctx.listener()}. */
  void fit(TrainContext ctx);

  default boolean persistable() {
    return false;
  }

  /**
   * The versioned format of the model file, e.g. {@code movierec.ease.v1}: what a stored model's
   * descriptor records, so a file is loaded only by code that writes the same format.
   */
  default String fileFormat() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no model file");
  }

  /** Writes the fitted state. */
  default void save(OutputStream out) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no model file");
  }

  /** Restores a state written by {@link #save} into a model built with the same params. */
  default void load(InputStream in) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no model file");
  }
}
