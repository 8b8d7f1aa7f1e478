package movierec.models.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import movierec.core.data.Interactions;

/**
 * An item-item weight matrix B (row-major numItems × numItems) with the histories it scores: a user's
 * scores are their history row times B. What EASE and ADMM-SLIM fit; the model file keeps both. B is held in
 * column panels ({@link PanelMatrix}), the layout its sparse product reads fast.
 */
public final class ItemWeights {
  private final int numItems;
  private final PanelMatrix weights;
  private final Interactions history;

  public ItemWeights(Interactions history, float[] weights) {
    if (weights.length != history.numItems() * history.numItems()) throw new IllegalArgumentException("weights are not numItems²");
    this.numItems = history.numItems();
    this.weights = PanelMatrix.of(weights, numItems, numItems);
    this.history = history;
  }

  public void score(int[] users, float[] out) {
    weights.sumRows(history, users, out);
  }

  public void save(OutputStream out, String format) throws IOException {
    ArrayIO.writer(out, format).writeInt(numItems).writeFloats(weights.toRowMajor()).writeHistories(history).finish();
  }

  public static ItemWeights load(InputStream in, String format) throws IOException {
    ArrayIO io = ArrayIO.reader(in, format);
    int n = io.readInt();
    float[] weights = io.readFloats();
    Interactions history = io.readHistories();
    if (weights.length != n * n || history.numItems() != n) throw new IOException("inconsistent model file of format " + format);
    return new ItemWeights(history, weights);
  }
}
