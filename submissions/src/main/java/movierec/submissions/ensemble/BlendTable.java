package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.List;
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
  private final int sources;
  private final int[] users;
  /** Row of each user, −1 for users not in the table. */
  private final int[] rowOf;
  /** Row r's candidates are [start[r], start[r + 1]). */
  private final int[] start;
  private final int[] items;
  /** Candidate-major: normalized[c · sources + s]. */
  private final float[] normalized;

  private BlendTable(int numUsers, int sources, int[] users, int[] start, int[] items, float[] normalized) {
    this.numUsers = numUsers;
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
    int[][] rowItems = new int[users.length][];
    float[][] rowScores = new float[users.length][];
    IntStream.range(0, users.length).parallel().forEach(r -> {
      int u = users[r];
      int total = 0;
      for (RankedLists l : lists) total += l.items()[u].length;
      int[] all = new int[total];
      int n = 0;
      for (RankedLists l : lists) for (int item : l.items()[u]) all[n++] = item;
      Arrays.sort(all);
      int m = 0;
      for (int i = 0; i < n; i++) if ((i == 0 || all[i] != all[i - 1]) && !exclusions.excluded(u, all[i])) all[m++] = all[i];
      int[] candidates = Arrays.copyOf(all, m);
      float[] scores = new float[m * k];
      for (int s = 0; s < k; s++) {
        int[] list = lists.get(s).items()[u];
        double[] norm = normalization.apply(lists.get(s).scores()[u]);
        double floor = list.length == 0 ? 0 : Arrays.stream(norm).min().orElseThrow();
        for (int c = 0; c < m; c++) scores[c * k + s] = (float) floor;
        for (int i = 0; i < list.length; i++) {
          int c = Arrays.binarySearch(candidates, list[i]);
          if (c >= 0) scores[c * k + s] = (float) norm[i];
        }
      }
      rowItems[r] = candidates;
      rowScores[r] = scores;
    });
    int[] start = new int[users.length + 1];
    for (int r = 0; r < users.length; r++) start[r + 1] = start[r] + rowItems[r].length;
    int[] items = new int[start[users.length]];
    float[] normalized = new float[start[users.length] * k];
    for (int r = 0; r < users.length; r++) {
      System.arraycopy(rowItems[r], 0, items, start[r], rowItems[r].length);
      System.arraycopy(rowScores[r], 0, normalized, start[r] * k, rowScores[r].length);
    }
    return new BlendTable(lists.get(0).numUsers(), k, users.clone(), start, items, normalized);
  }

  /** The blended lists of the table's users, cut to {@code depth}; other users get empty lists. */
  RankedLists lists(double[] weights, int depth) {
    checkWeights(weights);
    int[][] out = new int[numUsers][0];
    float[][] outScores = new float[numUsers][0];
    IntStream.range(0, users.length).parallel().forEach(r -> {
      double[] blended = blend(r, weights);
      int[] top = top(blended, depth);
      out[users[r]] = new int[top.length];
      outScores[users[r]] = new float[top.length];
      for (int i = 0; i < top.length; i++) {
        out[users[r]][i] = items[start[r] + top[i]];
        outScores[users[r]][i] = (float) blended[top[i]];
      }
    });
    return new RankedLists(depth, out, outScores);
  }

  /**
   * The metrics at {@code k} of the blended lists of {@code subset} (users of the table) against {@code truth},
   * exactly as {@link movierec.core.eval.Evaluator#score} computes them on {@link #lists}; the evaluation
   * carries no lists. Users without answers are not evaluated.
   *
   * @param numItems the catalog size, for coverage
   */
  Evaluation evaluate(double[] weights, int[] subset, int[][] truth, int k, int numItems) {
    checkWeights(weights);
    double[] recall = new double[subset.length];
    double[] ndcg = new double[subset.length];
    boolean[] hit = new boolean[subset.length];
    boolean[] recommended = new boolean[numItems];
    IntStream.range(0, subset.length).parallel().forEach(i -> {
      int u = subset[i];
      int[] answers = truth[u];
      if (answers.length == 0) return;
      int r = rowOf[u];
      if (r < 0) throw new IllegalArgumentException("user " + u + " is not in the table");
      int[] top = top(blend(r, weights), k);
      int found = 0;
      double dcg = 0;
      for (int rank = 0; rank < top.length; rank++) {
        int item = items[start[r] + top[rank]];
        // Only ever set to true, so concurrent writes agree.
        recommended[item] = true;
        if (Arrays.binarySearch(answers, item) >= 0) {
          found++;
          dcg += 1.0 / log2(rank + 2);
        }
      }
      double idcg = 0;
      for (int rank = 0; rank < Math.min(k, answers.length); rank++) idcg += 1.0 / log2(rank + 2);
      recall[i] = (double) found / Math.min(k, answers.length);
      ndcg[i] = dcg / idcg;
      hit[i] = found > 0;
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

  private void checkWeights(double[] weights) {
    if (weights.length != sources) throw new IllegalArgumentException(sources + " sources but " + weights.length + " weights");
  }

  /** Row r's blended score per candidate. */
  private double[] blend(int r, double[] weights) {
    int m = start[r + 1] - start[r];
    double[] blended = new double[m];
    int base = start[r] * sources;
    for (int c = 0; c < m; c++) {
      double sum = 0;
      for (int s = 0; s < sources; s++) sum += weights[s] * normalized[base + c * sources + s];
      blended[c] = sum;
    }
    return blended;
  }

  /** The positions (within a row) of its best {@code depth} candidates, best first; ties go to the lower item. */
  private static int[] top(double[] blended, int depth) {
    int m = blended.length;
    int n = Math.min(depth, m);
    int[] best = new int[n];
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
    return best;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
