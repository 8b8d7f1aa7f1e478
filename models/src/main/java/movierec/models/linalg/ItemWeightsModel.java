package movierec.models.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import movierec.core.data.Interactions;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;

/**
 * A model that is an item-item weight matrix (EASE, ADMM-SLIM): subclasses compute the weights; this
 * class scores with them and keeps them, with the histories they score, as the model file.
 */
public abstract class ItemWeightsModel implements Model {
  private final String format;
  private ItemWeights fitted;

  protected ItemWeightsModel(String format) {
    this.format = format;
  }

  /** The weights B (row-major numItems × numItems) fitted to {@code train}. */
  protected abstract float[] weights(Interactions train);

  @Override
  public final void fit(TrainContext ctx) {
    fitted = new ItemWeights(ctx.train(), weights(ctx.train()));
  }

  @Override
  public void score(int[] users, float[] out) {
    fitted.score(users, out);
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return format;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    fitted.save(out, format);
  }

  @Override
  public void load(InputStream in) throws IOException {
    fitted = ItemWeights.load(in, format);
  }
}
