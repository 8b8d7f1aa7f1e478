package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluation;
import movierec.core.eval.RankedLists;

/**
 * Blending's candidates for a set of users, normalized once: per user the items any source listed (excluded
 * ones left out, ascending), and per candidate and source its normalized score there or that source's floor
 * (the lowest normalized score in its list, 0 for an empty list). A weighting is then one pass of
 * multiply-adds and a top-K per user, so that a weight search can afford hundreds of them at 31k users.
 * Items rank by blended score, then by item index.
 */
final class BlendTable {
  private final int numUsers;
  private final int numItems;
  private final int sources;
  private final int[] users;
  /** Row of each user, −1 for users not in the table. */
  private final int[] rowOf;
  /** Row r's candidates are [start[r], start[r + 1]). */
  private final int[] start;
  private final int[] items;
  /** Row r's block starts at start[r] · sources and is source-major: source s's scores of the row's candidates in a run, which vectorizes. */
  private final float[] normalized;

  private BlendTable(int numUsers, int numItems, int sources, int[] users, int[] start, int[] items, float[] normalized) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.sources = sources;
    this.users = users;
    this.start = start;
    this.items = items;
    this.normalized = normalized;
    this.rowOf = new int[numUsers];
    Arrays.fill(rowOf, -1);
    for (int r = 0; r < users.length; r++) rowOf[users[r]] = r;
  }

  static BlendTable of(List<RankedLists> lists, ScoreNormalization normalization, int[] users, CandidateFilters.Exclusions exclusions) {
    int k = lists.size();
    int numItems = exclusions.numItems();
    int[][] rowItems = new int[users.length][];
    float[][] rowScores = new float[users.length][];
    inChunks(users.length, (from, to) -> {
      float[] mask = new float[numItems];
      for (int r = from; r < to; r++) {
        int u = users[r];
        int total = 0;
        for (RankedLists l : lists) total += l.items()[u].length;
        int[] all = new int[total];
        int n = 0;
        for (RankedLists l : lists) for (int item : l.items()[u]) all[n++] = item;
        Arrays.sort(all);
        // Exclusions mark a whole score row at once, far cheaper than asking item by item.
        Arrays.fill(mask, 0f);
        exclusions.apply(u, mask, 0);
        int m = 0;
        for (int i = 0; i < n; i++) if ((i == 0 || all[i] != all[i - 1]) && mask[all[i]] != Float.NEGATIVE_INFINITY) all[m++] = all[i];
        int[] candidates = Arrays.copyOf(all, m);
        float[] scores = new float[m * k];
        for (int s = 0; s < k; s++) {
          int[] list = lists.get(s).items()[u];
          double[] norm = normalization.apply(lists.get(s).scores()[u]);
          double floor = list.length == 0 ? 0 : Arrays.stream(norm).min().orElseThrow();
          Arrays.fill(scores, s * m, (s + 1) * m, (float) floor);
          for (int i = 0; i < list.length; i++) {
            int c = Arrays.binarySearch(candidates, list[i]);
            if (c >= 0) scores[s * m + c] = (float) norm[i];
          }
        }
        rowItems[r] = candidates;
        rowScores[r] = scores;
      }
    });
    int[] start = new int[users.length + 1];
    for (int r = 0; r < users.length; r++) start[r + 1] = start[r] + rowItems[r].length;
    int[] items = new int[start[users.length]];
    float[] normalized = new float[start[users.length] * k];
    for (int r = 0; r < users.length; r++) {
      System.arraycopy(rowItems[r], 0, items, start[r], rowItems[r].length);
      System.arraycopy(rowScores[r], 0, normalized, start[r] * k, rowScores[r].length);
    }
    return new BlendTable(lists.get(0).numUsers(), numItems, k, users.clone(), start, items, normalized);
  }

  /** Row r's candidates (its user is the r-th of the users the table was built for), ascending. */
  int[] candidates(int row) {
    return Arrays.copyOfRange(items, start[row], start[row + 1]);
  }

  /** Source s's normalized score of row r's c-th candidate, or the source's floor where it did not list it. */
  float normalized(int row, int source, int c) {
    int m = start[row + 1] - start[row];
    return normalized[start[row] * sources + source * m + c];
  }

  /** The blended lists of the table's users, cut to {@code depth}; other users get empty lists. */
  RankedLists lists(double[] weights, int depth) {
    float[] w = checkedWeights(weights);
    int[][] out = new int[numUsers][0];
    float[][] outScores = new float[numUsers][0];
    inChunks(users.length, (from, to) -> {
      float[] blended = new float[maxRow()];
      int[] top = new int[depth];
      for (int r = from; r < to; r++) {
        blend(r, w, blended);
        int n = top(blended, start[r + 1] - start[r], top, depth);
        int u = users[r];
        out[u] = new int[n];
        outScores[u] = new float[n];
        for (int i = 0; i < n; i++) {
          out[u][i] = items[start[r] + top[i]];
          outScores[u][i] = blended[top[i]];
        }
      }
    });
    return new RankedLists(depth, out, outScores);
  }

  /**
   * The metrics at {@code k} of the blended lists of {@code subset} (users of the table) against {@code truth},
   * exactly as {@link movierec.core.eval.Evaluator#score} computes them on {@link #lists}; the evaluation
   * carries no lists. Users without answers are not evaluated.
   */
  Evaluation evaluate(double[] weights, int[] subset, int[][] truth, int k) {
    float[] w = checkedWeights(weights);
    double[] recall = new double[subset.length];
    double[] ndcg = new double[subset.length];
    boolean[] hit = new boolean[subset.length];
    boolean[] recommended = new boolean[numItems];
    double[] discount = new double[k];
    for (int rank = 0; rank < k; rank++) discount[rank] = 1.0 / log2(rank + 2);
    inChunks(subset.length, (from, to) -> {
      float[] blended = new float[maxRow()];
      int[] top = new int[k];
      for (int i = from; i < to; i++) {
        int u = subset[i];
        int[] answers = truth[u];
        if (answers.length == 0) continue;
        int r = rowOf[u];
        if (r < 0) throw new IllegalArgumentException("user " + u + " is not in the table");
        blend(r, w, blended);
        int n = top(blended, start[r + 1] - start[r], top, k);
        int found = 0;
        double dcg = 0;
        for (int rank = 0; rank < n; rank++) {
          int item = items[start[r] + top[rank]];
          // Only ever set to true, so concurrent writes agree.
          recommended[item] = true;
          if (Arrays.binarySearch(answers, item) >= 0) {
            found++;
            dcg += discount[rank];
          }
        }
        double idcg = 0;
        for (int rank = 0; rank < Math.min(k, answers.length); rank++) idcg += discount[rank];
        recall[i] = (double) found / Math.min(k, answers.length);
        ndcg[i] = dcg / idcg;
        hit[i] = found > 0;
      }
    });
    // Summed in user order, so that the figures do not depend on scheduling.
    int evaluated = 0;
    int hits = 0;
    double recallSum = 0;
    double ndcgSum = 0;
    for (int i = 0; i < subset.length; i++) {
      if (truth[subset[i]].length == 0) continue;
      evaluated++;
      recallSum += recall[i];
      ndcgSum += ndcg[i];
      if (hit[i]) hits++;
    }
    int covered = 0;
    for (boolean b : recommended) if (b) covered++;
    double denom = Math.max(1, evaluated);
    return new Evaluation(k, recallSum / denom, ndcgSum / denom, hits / denom, (double) covered / numItems, evaluated, null);
  }

  private float[] checkedWeights(double[] weights) {
    if (weights.length != sources) throw new IllegalArgumentException(sources + " sources but " + weights.length + " weights");
    float[] w = new float[sources];
    for (int s = 0; s < sources; s++) w[s] = (float) weights[s];
    return w;
  }

  private int maxRow() {
    int max = 0;
    for (int r = 0; r < users.length; r++) max = Math.max(max, start[r + 1] - start[r]);
    return max;
  }

  /** Row r's blended score per candidate into {@code out}, source by source. */
  private void blend(int r, float[] w, float[] out) {
    int m = start[r + 1] - start[r];
    int base = start[r] * sources;
    float w0 = w[0];
    for (int c = 0; c < m; c++) out[c] = w0 * normalized[base + c];
    for (int s = 1; s < sources; s++) {
      float ws = w[s];
      int o = base + s * m;
      for (int c = 0; c < m; c++) out[c] += ws * normalized[o + c];
    }
  }

  /**
   * The positions (within a row of {@code m} candidates) of its best {@code depth} into {@code best}, best
   * first; ties go to the lower item. Returns how many.
   */
  private static int top(float[] blended, int m, int[] best, int depth) {
    int n = Math.min(depth, m);
    int size = 0;
    // Insertion into a short sorted prefix: candidates come in item order, so a tie never displaces.
    for (int c = 0; c < m; c++) {
      if (size == n && blended[c] <= blended[best[n - 1]]) continue;
      int pos = size < n ? size++ : n - 1;
      while (pos > 0 && blended[best[pos - 1]] < blended[c]) {
        best[pos] = best[pos - 1];
        pos--;
      }
      best[pos] = c;
    }
    return n;
  }

  /** Runs {@code body} over [0, n) in a few contiguous chunks per core, each with its own scratch buffers. */
  private static void inChunks(int n, BiConsumer<Integer, Integer> body) {
    int chunks = Math.max(1, Math.min(n / 64, 4 * Runtime.getRuntime().availableProcessors()));
    IntStream.range(0, chunks).parallel().forEach(c -> body.accept((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
