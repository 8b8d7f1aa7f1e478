package movierec.models.itemknn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import movierec.core.data.Interactions;
import movierec.core.eval.TopK;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.models.linalg.ArrayIO;
import movierec.models.linalg.Parallel;
import movierec.models.linalg.SparseGram;

/**
 * Item-based kNN: M. Deshpande, G. Karypis, "Item-Based Top-N Recommendation Algorithms", ACM TOIS
 * 2004. Cosine similarity between items' user sets (shrunk), keeping each item's k most similar
 * items; a user's score for item j is the sum of j's similarities to the items in their history.
 */
public final class ItemKnn implements Model {
  private static final String FORMAT = "movierec.itemknn.v1";

  private final ItemKnnParams params;
  private int numItems;
  /** Item i's neighbours are neighbours[i * k + r] for r < counts[i], with weights alongside. */
  private int[] counts;
  private int[] neighbours;
  private float[] weights;
  private Interactions history;

  public ItemKnn(ItemKnnParams params) {
    this.params = params;
  }

  @Override
  public void fit(TrainContext ctx) {
    history = ctx.train();
    int n = history.numItems();
    numItems = n;
    int k = Math.min(params.k(), n);
    float[] g = SparseGram.of(history);
    float[] norms = SparseGram.diagonal(g, n);
    for (int i = 0; i < n; i++) norms[i] = (float) Math.sqrt(norms[i]);
    counts = new int[n];
    neighbours = new int[n * k];
    weights = new float[n * k];
    float shrink = (float) params.shrink();
    Parallel.forRange(n, 64, (from, to) -> {
      int[] top = new int[k];
      float[] topWeights = new float[k];
      for (int i = from; i < to; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) {
          float denom = norms[i] * norms[j] + shrink;
          g[row + j] = g[row + j] == 0 ? Float.NEGATIVE_INFINITY : g[row + j] / denom;
        }
        g[row + i] = Float.NEGATIVE_INFINITY;
        // Never-co-watched items are -inf and so not kept: rows of rare items have fewer than k.
        int found = TopK.select(g, row, n, k, top, topWeights);
        counts[i] = found;
        System.arraycopy(top, 0, neighbours, i * k, found);
        System.arraycopy(topWeights, 0, weights, i * k, found);
      }
    });
  }

  @Override
  public void score(int[] users, float[] out) {
    int k = neighbours.length / Math.max(1, numItems);
    Parallel.forRange(users.length, 8, (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * numItems;
        Arrays.fill(out, o, o + numItems, 0f);
        for (int e = history.start(users[b]); e < history.end(users[b]); e++) {
          int i = history.item(e);
          for (int r = i * k, end = r + counts[i]; r < end; r++) out[o + neighbours[r]] += weights[r];
        }
      }
    });
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    ArrayIO.writer(out, FORMAT).writeInt(numItems).writeInts(counts).writeInts(neighbours).writeFloats(weights).writeHistories(history).finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, FORMAT);
    numItems = io.readInt();
    counts = io.readInts();
    neighbours = io.readInts();
    weights = io.readFloats();
    history = io.readHistories();
  }
}
