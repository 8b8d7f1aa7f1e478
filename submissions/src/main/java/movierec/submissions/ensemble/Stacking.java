package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/**
 * Stacking: the union of the sources' candidates re-ranked by gradient-boosted trees ({@link BoostedTrees})
 * that learned from validation answers which candidates are hits. A candidate's features are, per source,
 * its rank there (the list's length where the source did not list it) and its z-scored score (the source's
 * floor there), how many sources listed it, and two context figures that let the weighting differ by
 * case, which no fixed weight can: the item's popularity and the user's activity, each as a percentile of
 * the interactions the lists were made from (so that the features mean the same on the final lists, whose
 * sources saw more data). The number of trees is chosen on a third of the fitting users the trees did not
 * fit, then the trees are refitted on all of them.
 */
public final class Stacking {
  static final int MAX_TREES = 300;
  /** Trees between two looks at the stopping users, and looks without a gain before boosting stops. */
  private static final int CHECK_EVERY = 10;
  private static final int PATIENCE = 5;
  private static final int CONTEXT_FEATURES = 3;

  /** What the features read beside the lists: the interactions the sources were trained on, as percentiles. */
  public record Context(float[] itemPopularity, float[] userActivity) {
    public static Context of(Interactions seen) {
      int[] counts = seen.itemCounts();
      int[] lengths = IntStream.range(0, seen.numUsers()).map(seen::length).toArray();
      return new Context(percentiles(counts), percentiles(lengths));
    }

    /** Each value's share of values strictly below it, in [0, 1). */
    private static float[] percentiles(int[] values) {
      int[] sorted = values.clone();
      Arrays.sort(sorted);
      float[] out = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        int below = lowerBound(sorted, values[i]);
        out[i] = (float) below / values.length;
      }
      return out;
    }

    private static int lowerBound(int[] sorted, int value) {
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < value) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }

  /**
   * A fitted stacker for lists from {@code sources} sources.
   *
   * @param trees how many trees the stopping users chose
   */
  public record Fitted(BoostedTrees.Model model, int sources, int trees) {
    /** Each source's share of the trees' split gain over its rank and score features; equal when no split used any. */
    public double[] sourceImportance() {
      double[] w = new double[sources];
      for (int s = 0; s < sources; s++) w[s] = model.gain()[2 * s] + model.gain()[2 * s + 1];
      double sum = Arrays.stream(w).sum();
      if (!(sum > 0)) Arrays.fill(w, 1.0);
      return WeightTuner.normalize(w);
    }

    /** The stacked lists of {@code users}, cut to {@code depth}; ties go to the lower item; other users get empty lists. */
    public RankedLists combine(List<RankedLists> lists, int[] users, CandidateFilters.Exclusions exclusions, Context context, int depth) {
      if (lists.size() != sources) throw new IllegalArgumentException("fitted on " + sources + " sources, given " + lists.size());
      Rows rows = Rows.of(lists, users, exclusions, context);
      double[] scores = rows.predict(model, model.trees().length);
      int[][] items = new int[lists.get(0).numUsers()][0];
      float[][] outScores = new float[items.length][0];
      IntStream.range(0, users.length).parallel().forEach(r -> {
        int[] top = rows.top(r, scores, depth);
        int u = users[r];
        items[u] = new int[top.length];
        outScores[u] = new float[top.length];
        for (int i = 0; i < top.length; i++) {
          items[u][i] = rows.items[top[i]];
          outScores[u][i] = (float) scores[top[i]];
        }
      });
      return new RankedLists(depth, items, outScores);
    }
  }

  private Stacking() {}

  /**
   * Fits the stacker on the candidates of {@code users}, reading the answers of those users only.
   *
   * @param k the cut-off of the recall that chooses the number of trees
   * @param seed of the cut between fitting and stopping users
   */
  public static Fitted fit(List<RankedLists> lists, int[] users, int[][] truth, CandidateFilters.Exclusions exclusions, Context context, int k, long seed) {
    if (users.length < 3) throw new IllegalArgumentException("stacking needs at least 3 validation users, got " + users.length);
    int[][] parts = HonestTuning.parts(users, seed, 2.0 / 3);
    Rows fitRows = Rows.of(lists, parts[0], exclusions, context);
    Rows stopRows = Rows.of(lists, parts[1], exclusions, context);
    StopChoice stop = new StopChoice(stopRows, truth, k);
    new BoostedTrees(fitRows.values, fitRows.features, fitRows.labels(truth)).fit(MAX_TREES, BoostedTrees.Settings.DEFAULT, stop);
    int trees = Math.max(CHECK_EVERY, stop.bestTrees);
    Rows all = Rows.of(lists, users, exclusions, context);
    BoostedTrees.Model model = new BoostedTrees(all.values, all.features, all.labels(truth)).fit(trees, BoostedTrees.Settings.DEFAULT, (n, t) -> true);
    return new Fitted(model, lists.size(), trees);
  }

  /** Follows the stopping users' recall as trees are added: the count where it peaked, stopping after {@link #PATIENCE} looks without a gain. */
  private static final class StopChoice implements BoostedTrees.Monitor {
    private final Rows rows;
    private final int[][] truth;
    private final int k;
    private final double[] scores;
    int bestTrees;
    private double bestRecall = -1;
    private int looksWithoutGain;

    StopChoice(Rows rows, int[][] truth, int k) {
      this.rows = rows;
      this.truth = truth;
      this.k = k;
      this.scores = new double[rows.count()];
    }

    @Override
    public boolean afterTree(int trees, BoostedTrees.Tree tree) {
      IntStream.range(0, scores.length).parallel().forEach(r -> scores[r] += tree.predict(rows.values, r * rows.features));
      if (trees % CHECK_EVERY != 0) return true;
      double recall = rows.recall(scores, truth, k);
      if (recall > bestRecall) {
        bestRecall = recall;
        bestTrees = trees;
        looksWithoutGain = 0;
        return true;
      }
      return ++looksWithoutGain < PATIENCE;
    }
  }

  /** The candidates of a set of users as feature rows: per user the items any source listed, excluded ones left out, ascending. */
  private static final class Rows {
    final int features;
    final int[] users;
    /** User r's rows are [start[r], start[r + 1]). */
    final int[] start;
    final int[] items;
    /** Row-major, {@code features} per row. */
    final float[] values;

    private Rows(int features, int[] users, int[] start, int[] items, float[] values) {
      this.features = features;
      this.users = users;
      this.start = start;
      this.items = items;
      this.values = values;
    }

    static Rows of(List<RankedLists> lists, int[] users, CandidateFilters.Exclusions exclusions, Context context) {
      int sources = lists.size();
      int features = 2 * sources + CONTEXT_FEATURES;
      BlendTable table = BlendTable.of(lists, ScoreNormalization.ZSCORE, users, exclusions);
      int[] start = new int[users.length + 1];
      for (int r = 0; r < users.length; r++) start[r + 1] = start[r] + table.candidates(r).length;
      int[] items = new int[start[users.length]];
      float[] values = new float[items.length * features];
      int numItems = exclusions.numItems();
      int chunks = Math.max(1, Math.min(users.length / 64, 4 * Runtime.getRuntime().availableProcessors()));
      IntStream.range(0, chunks).parallel().forEach(chunk -> {
        int[] rankOf = new int[numItems];
        Arrays.fill(rankOf, -1);
        for (int r = (int) ((long) users.length * chunk / chunks); r < (int) ((long) users.length * (chunk + 1) / chunks); r++) {
          int u = users[r];
          int[] candidates = table.candidates(r);
          System.arraycopy(candidates, 0, items, start[r], candidates.length);
          for (int s = 0; s < sources; s++) {
            int[] list = lists.get(s).items()[u];
            for (int i = list.length - 1; i >= 0; i--) rankOf[list[i]] = i;
            for (int c = 0; c < candidates.length; c++) {
              int o = (start[r] + c) * features;
              int rank = rankOf[candidates[c]];
              values[o + 2 * s] = rank >= 0 ? rank : list.length;
              values[o + 2 * s + 1] = table.normalized(r, s, c);
              if (rank >= 0) values[o + 2 * sources] += 1;
            }
            for (int item : list) rankOf[item] = -1;
          }
          for (int c = 0; c < candidates.length; c++) {
            int o = (start[r] + c) * features;
            values[o + 2 * sources + 1] = context.itemPopularity()[candidates[c]];
            values[o + 2 * sources + 2] = context.userActivity()[u];
          }
        }
      });
      return new Rows(features, users.clone(), start, items, values);
    }

    int count() {
      return items.length;
    }

    boolean[] labels(int[][] truth) {
      boolean[] labels = new boolean[items.length];
      for (int r = 0; r < users.length; r++) {
        int[] answers = truth[users[r]];
        for (int c = start[r]; c < start[r + 1]; c++) labels[c] = Arrays.binarySearch(answers, items[c]) >= 0;
      }
      return labels;
    }

    double[] predict(BoostedTrees.Model model, int trees) {
      double[] scores = new double[items.length];
      IntStream.range(0, items.length).parallel().forEach(c -> scores[c] = model.predict(values, c * features, trees));
      return scores;
    }

    /** User r's best {@code depth} rows by score, best first; ties go to the lower item (rows are in item order). */
    int[] top(int r, double[] scores, int depth) {
      Integer[] order = IntStream.range(start[r], start[r + 1]).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
      int n = Math.min(depth, order.length);
      int[] top = new int[n];
      for (int i = 0; i < n; i++) top[i] = order[i];
      return top;
    }

    /** Mean recall at {@code k} (answers capped at k) of the users with answers. */
    double recall(double[] scores, int[][] truth, int k) {
      double sum = 0;
      int evaluated = 0;
      for (int r = 0; r < users.length; r++) {
        int[] answers = truth[users[r]];
        if (answers.length == 0) continue;
        evaluated++;
        int found = 0;
        for (int row : top(r, scores, k)) if (Arrays.binarySearch(answers, items[row]) >= 0) found++;
        sum += (double) found / Math.min(k, answers.length);
      }
      return evaluated == 0 ? 0 : sum / evaluated;
    }
  }
}
