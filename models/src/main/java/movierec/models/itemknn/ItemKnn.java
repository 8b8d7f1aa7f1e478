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
 * 2004. Cosine similarity between items' user sets (shrunk, optionally asymmetric as F. Aiolli,
 * "Efficient Top-N Recommendation for Very Large Scale Binary Rated Datasets", RecSys 2013, and on
 * TF-IDF-weighted users as Dacrema et al.'s ItemKNN-CF), keeping each item's k most similar items; a
 * user's score for item j sums the similarities between j and the user's items where j's neighbourhood
 * (the usual form) or the user's item's neighbourhood holds the pair.
 */
public final class ItemKnn implements Model {
  private static final String FORMAT = "movierec.itemknn.v2";

  private final ItemKnnParams params;
  private int numItems;
  /** What a history item i adds to a score: weights[r] to item targets[r] for offsets[i] <= r < offsets[i + 1]. */
  private int[] offsets;
  private int[] targets;
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
    float[] g = params.weighting().equals(ItemKnnParams.TFIDF) ? SparseGram.of(history, squaredIdf(history)) : SparseGram.of(history);
    float[] squaredNorms = SparseGram.diagonal(g, n);
    boolean candidateRows = params.neighbourhood().equals(ItemKnnParams.CANDIDATE);
    // Row r keeps its k best: in the candidate form r is the candidate and the column the source item.
    double rowPower = candidateRows ? 1 - params.alpha() : params.alpha();
    float[] rowNorms = new float[n];
    float[] columnNorms = new float[n];
    for (int i = 0; i < n; i++) {
      rowNorms[i] = (float) Math.pow(squaredNorms[i], rowPower);
      columnNorms[i] = (float) Math.pow(squaredNorms[i], 1 - rowPower);
    }
    int[] counts = new int[n];
    int[] neighbours = new int[n * k];
    float[] kept = new float[n * k];
    float shrink = (float) params.shrink();
    Parallel.forRange(n, 64, (from, to) -> {
      int[] top = new int[k];
      float[] topWeights = new float[k];
      for (int i = from; i < to; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) {
          float denom = rowNorms[i] * columnNorms[j] + shrink;
          g[row + j] = g[row + j] == 0 ? Float.NEGATIVE_INFINITY : g[row + j] / denom;
        }
        g[row + i] = Float.NEGATIVE_INFINITY;
        // Never-co-watched items are -inf and so not kept: rows of rare items have fewer than k.
        int found = TopK.select(g, row, n, k, top, topWeights);
        counts[i] = found;
        System.arraycopy(top, 0, neighbours, i * k, found);
        System.arraycopy(topWeights, 0, kept, i * k, found);
      }
    });
    if (candidateRows) contributeTransposed(counts, neighbours, kept, k);
    else contributeOwn(counts, neighbours, kept, k);
  }

  /** Per user, the square of its TF-IDF weight log(items / (1 + history length)), clamped at 0: XᵀWX then weighs both sides of each pair. */
  static float[] squaredIdf(Interactions x) {
    float[] w = new float[x.numUsers()];
    for (int u = 0; u < x.numUsers(); u++) {
      double idf = Math.max(0, Math.log((double) x.numItems() / (1 + x.length(u))));
      w[u] = (float) (idf * idf);
    }
    return w;
  }

  /** Source form: a history item adds to its own k neighbours. */
  private void contributeOwn(int[] counts, int[] neighbours, float[] kept, int k) {
    offsets = new int[numItems + 1];
    for (int i = 0; i < numItems; i++) offsets[i + 1] = offsets[i] + counts[i];
    targets = new int[offsets[numItems]];
    weights = new float[offsets[numItems]];
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(neighbours, i * k, targets, offsets[i], counts[i]);
      System.arraycopy(kept, i * k, weights, offsets[i], counts[i]);
    }
  }

  /** Candidate form: a history item i adds to every j that keeps i among its k neighbours (the transpose). */
  private void contributeTransposed(int[] counts, int[] neighbours, float[] kept, int k) {
    offsets = new int[numItems + 1];
    for (int j = 0; j < numItems; j++) {
      for (int r = j * k; r < j * k + counts[j]; r++) offsets[neighbours[r] + 1]++;
    }
    for (int i = 0; i < numItems; i++) offsets[i + 1] += offsets[i];
    targets = new int[offsets[numItems]];
    weights = new float[offsets[numItems]];
    int[] fill = Arrays.copyOf(offsets, numItems);
    for (int j = 0; j < numItems; j++) {
      for (int r = j * k; r < j * k + counts[j]; r++) {
        int at = fill[neighbours[r]]++;
        targets[at] = j;
        weights[at] = kept[r];
      }
    }
  }

  @Override
  public void score(int[] users, float[] out) {
    Parallel.forRange(users.length, 8, (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * numItems;
        Arrays.fill(out, o, o + numItems, 0f);
        for (int e = history.start(users[b]); e < history.end(users[b]); e++) {
          int i = history.item(e);
          for (int r = offsets[i]; r < offsets[i + 1]; r++) out[o + targets[r]] += weights[r];
        }
      }
    });
  }

  @Override
  public boolean persistable() {
    return true;
  }

  @Override
  public String fileFormat() {
    return FORMAT;
  }

  @Override
  public void save(OutputStream out) throws IOException {
    ArrayIO.writer(out, FORMAT).writeInt(numItems).writeInts(offsets).writeInts(targets).writeFloats(weights).writeHistories(history).finish();
  }

  @Override
  public void load(InputStream in) throws IOException {
    ArrayIO io = ArrayIO.reader(in, FORMAT);
    numItems = io.readInt();
    offsets = io.readInts();
    targets = io.readInts();
    weights = io.readFloats();
    history = io.readHistories();
  }
}
