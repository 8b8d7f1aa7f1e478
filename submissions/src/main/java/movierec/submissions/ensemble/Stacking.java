package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import movierec.core.data.Interactions;
import movierec.core.data.ItemAttribute;
import movierec.core.data.ItemSide;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.RankedLists;

/**
 * Stacking: the union of the sources' candidates re-ranked by XGBoost's LambdaMART (one
 * query group per user, pairs drawn from each user's top K) trained on validation answers. A candidate's
 * features are, per source, its rank and z-scored score there and that score's gap to the source's best
 * for the user (how sure the source is of its top against this item; missing where the source did not list it,
 * which the trees route on their own), how many sources listed it, the sources' mean z-score (floors where
 * unlisted: the linear blend, which trees would need many splits to rebuild), and context figures that
 * let the weighting differ by case, which no fixed weight can: the item's popularity and the user's
 * activity, each as a percentile of the interactions the lists were made from (so that the features mean
 * the same on the final lists, whose sources saw more data), and the user's genre affinity to the item;
 * beside the mean z-score, two more ways to pool the ranks that trees cannot add up themselves: the sum of
 * reciprocal ranks (reciprocal rank fusion) and the best rank any source gave.
 * The LambdaMART setting ({@link #SETTINGS}) and the number of trees are chosen by early stopping on
 * precision at K of a third of the fitting users the trees did not fit, then the trees are refitted on all of them.
 */
public final class Stacking {
  static final int MAX_TREES = 400;
  /** Rounds without a gain on the stopping users before boosting stops. */
  private static final int STOPPING_ROUNDS = 30;
  /** Per source: the candidate's rank, its z-score, and how far below the z-score of the source's top candidate for the user it lies. */
  private static final int PER_SOURCE = 3;
  private static final int CONTEXT_FEATURES = 7;

  /**
   * One LambdaMART configuration the stopping users can pick.
   *
   * @param objective XGBoost's {@code rank:ndcg} (listwise weights on the top K's pairs) or {@code rank:pairwise}
   * @param depth the trees' maximum depth: deep trees let the weighting differ by case, shallow ones need fewer users
   */
  public record Setting(String objective, int depth) {}

  /** The settings the stopping users choose among: general choices of objective and depth, none tuned to one data set. */
  public static final List<Setting> SETTINGS = List.of(new Setting("rank:ndcg", 6), new Setting("rank:ndcg", 3), new Setting("rank:pairwise", 6));
  /** Shrinkage of every tree, whichever setting: the tree count, chosen by early stopping, makes up for it. */
  private static final double ETA = 0.1;

  /**
   * What the features read beside the lists, from the interactions the sources were trained on: item
   * popularity and user activity as percentiles, and each user's share of history per genre (no genres:
   * no columns), from which a candidate's genre affinity is the sum over its genres.
   */
  public record Context(float[] itemPopularity, float[] userActivity, float[][] userGenreShare, int[][] itemGenres) {
    public static Context of(Interactions seen, ItemSide side) {
      int[] counts = seen.itemCounts();
      int[] lengths = IntStream.range(0, seen.numUsers()).map(seen::length).toArray();
      ItemAttribute genres = side.genres();
      float[][] share = new float[seen.numUsers()][genres.numValues()];
      if (!genres.isEmpty()) {
        IntStream.range(0, seen.numUsers()).parallel().forEach(u -> {
          for (int item : seen.itemsOf(u)) for (int g : genres.of(item)) share[u][g] += 1f / seen.length(u);
        });
      }
      return new Context(percentiles(counts), percentiles(lengths), share, genres.byItem());
    }

    float genreAffinity(int user, int item) {
      float sum = 0;
      for (int g : itemGenres[item]) sum += userGenreShare[user][g];
      return sum;
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
   * @param setting the LambdaMART setting the stopping users chose
   * @param trees how many trees the stopping users chose
   * @param gain each feature's total split gain over the trees
   */
  public record Fitted(Booster booster, int sources, Setting setting, int trees, double[] gain) {
    /** Each source's share of the trees' split gain over its own features; equal when no split used any. */
    public double[] sourceImportance() {
      double[] w = new double[sources];
      for (int s = 0; s < sources; s++) for (int f = 0; f < PER_SOURCE; f++) w[s] += gain[PER_SOURCE * s + f];
      double sum = Arrays.stream(w).sum();
      if (!(sum > 0)) Arrays.fill(w, 1.0);
      return WeightTuner.normalize(w);
    }

    /** The stacked lists of {@code users}, cut to {@code depth}; ties go to the lower item; other users get empty lists. */
    public RankedLists combine(List<RankedLists> lists, int[] users, CandidateFilters.Exclusions exclusions, Context context, int depth) {
      if (lists.size() != sources) throw new IllegalArgumentException("fitted on " + sources + " sources, given " + lists.size());
      Rows rows = Rows.of(lists, users, exclusions, context);
      float[] scores = xgboost(() -> {
        DMatrix matrix = rows.matrix();
        try {
          float[][] predicted = booster.predict(matrix);
          float[] flat = new float[predicted.length];
          for (int r = 0; r < flat.length; r++) flat[r] = predicted[r][0];
          return flat;
        } finally {
          matrix.dispose();
        }
      });
      int[][] items = new int[lists.get(0).numUsers()][0];
      float[][] outScores = new float[items.length][0];
      IntStream.range(0, users.length).parallel().forEach(r -> {
        int[] top = rows.top(r, scores, depth);
        int u = users[r];
        items[u] = new int[top.length];
        outScores[u] = new float[top.length];
        for (int i = 0; i < top.length; i++) {
          items[u][i] = rows.items[top[i]];
          outScores[u][i] = scores[top[i]];
        }
      });
      return new RankedLists(depth, items, outScores);
    }
  }

  private Stacking() {}

  /**
   * Fits the stacker on the candidates of {@code users}, reading the answers of those users only.
   *
   * @param k the cut-off the ranking objective and the stopping metric look at
   * @param seed of the cut between fitting and stopping users, and of XGBoost
   */
  public static Fitted fit(List<RankedLists> lists, int[] users, int[][] truth, CandidateFilters.Exclusions exclusions, Context context, int k, long seed) {
    if (users.length < 3) throw new IllegalArgumentException("stacking needs at least 3 validation users, got " + users.length);
    int[][] parts = HonestTuning.parts(users, seed, 2.0 / 3);
    Probe chosen = xgboost(() -> {
      DMatrix fitting = Rows.of(lists, parts[0], exclusions, context).labelled(truth);
      DMatrix stopping = Rows.of(lists, parts[1], exclusions, context).labelled(truth);
      try {
        Probe best = null;
        for (Setting setting : SETTINGS) {
          Probe probe = probe(setting, fitting, stopping, k, seed);
          if (best == null || probe.score() > best.score()) best = probe;
        }
        return best;
      } finally {
        fitting.dispose();
        stopping.dispose();
      }
    });
    Map<String, Object> params = params(chosen.setting(), k, seed);
    int trees = chosen.trees();
    return xgboost(() -> {
      DMatrix all = Rows.of(lists, users, exclusions, context).labelled(truth);
      try {
        Booster booster = XGBoost.train(all, params, trees, Map.of(), null, null);
        int features = PER_SOURCE * lists.size() + CONTEXT_FEATURES;
        double[] gain = new double[features];
        booster.getScore("", "total_gain").forEach((name, g) -> gain[Integer.parseInt(name.substring(1))] = g);
        return new Fitted(booster, lists.size(), chosen.setting(), trees, gain);
      } finally {
        all.dispose();
      }
    });
  }

  /** A setting's best number of trees and its precision at K on the stopping users there. */
  private record Probe(Setting setting, int trees, double score) {}

  private static Probe probe(Setting setting, DMatrix fitting, DMatrix stopping, int k, long seed) throws XGBoostError {
    Map<String, DMatrix> watches = new LinkedHashMap<>();
    watches.put("stopping", stopping);
    float[][] history = new float[1][MAX_TREES];
    Booster probe = XGBoost.train(fitting, params(setting, k, seed), MAX_TREES, watches, history, null, null, STOPPING_ROUNDS);
    String best = probe.getAttr("best_iteration");
    probe.dispose();
    int trees = best == null ? MAX_TREES : Integer.parseInt(best) + 1;
    return new Probe(setting, trees, history[0][trees - 1]);
  }

  /**
   * LambdaMART on each user's top-K pairs; no row or column sampling and a fixed thread count, so that a
   * fit is the same every time.
   */
  private static Map<String, Object> params(Setting setting, int k, long seed) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", setting.objective());
    p.put("lambdarank_pair_method", "topk");
    p.put("lambdarank_num_pair_per_sample", k);
    p.put("eval_metric", "pre@" + k);
    p.put("maximize_evaluation_metrics", "true");
    p.put("tree_method", "hist");
    p.put("max_depth", setting.depth());
    p.put("eta", ETA);
    // Ranking gradients are small per row: the default of 1 would stop splits on few users' candidates.
    p.put("min_child_weight", 0.01);
    p.put("nthread", Runtime.getRuntime().availableProcessors());
    p.put("seed", seed);
    p.put("verbosity", 0);
    p.put("verbose_eval", "false");
    return p;
  }

  private interface XgboostCall<T> {
    T call() throws XGBoostError;
  }

  private static <T> T xgboost(XgboostCall<T> call) {
    try {
      return call.call();
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost: " + e.getMessage(), e);
    }
  }

  /** The candidates of a set of users as feature rows: per user the items any source listed, excluded ones left out, ascending. */
  private static final class Rows {
    final int features;
    final int[] users;
    /** User r's rows are [start[r], start[r + 1]). */
    final int[] start;
    final int[] items;
    /** Row-major, {@code features} per row; NaN where a source did not list the item. */
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
      int features = PER_SOURCE * sources + CONTEXT_FEATURES;
      int pooled = PER_SOURCE * sources;
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
          // Every candidate is listed by some source, so its best rank is always set below.
          for (int c = 0; c < candidates.length; c++) values[(start[r] + c) * features + pooled + 6] = Float.NaN;
          for (int s = 0; s < sources; s++) {
            int[] list = lists.get(s).items()[u];
            for (int i = list.length - 1; i >= 0; i--) rankOf[list[i]] = i;
            float top = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates.length; c++) if (rankOf[candidates[c]] >= 0) top = Math.max(top, table.normalized(r, s, c));
            for (int c = 0; c < candidates.length; c++) {
              int o = (start[r] + c) * features;
              int rank = rankOf[candidates[c]];
              float z = table.normalized(r, s, c);
              values[o + PER_SOURCE * s] = rank >= 0 ? rank : Float.NaN;
              values[o + PER_SOURCE * s + 1] = rank >= 0 ? z : Float.NaN;
              values[o + PER_SOURCE * s + 2] = rank >= 0 ? top - z : Float.NaN;
              if (rank >= 0) {
                values[o + 2 * sources] += 1;
                values[o + pooled + 5] += 1f / (rank + 1);
                float best = values[o + pooled + 6];
                if (Float.isNaN(best) || rank < best) values[o + pooled + 6] = rank;
              }
              values[o + pooled + 1] += z / sources;
            }
            for (int item : list) rankOf[item] = -1;
          }
          for (int c = 0; c < candidates.length; c++) {
            int o = (start[r] + c) * features;
            values[o + pooled + 2] = context.itemPopularity()[candidates[c]];
            values[o + pooled + 3] = context.userActivity()[u];
            values[o + pooled + 4] = context.genreAffinity(u, candidates[c]);
          }
        }
      });
      return new Rows(features, users.clone(), start, items, values);
    }

    DMatrix matrix() throws XGBoostError {
      return new DMatrix(values, items.length, features, Float.NaN);
    }

    /** The rows with 0/1 labels from {@code truth} and one query group per user (users without candidates have none). */
    DMatrix labelled(int[][] truth) throws XGBoostError {
      float[] labels = new float[items.length];
      for (int r = 0; r < users.length; r++) {
        int[] answers = truth[users[r]];
        for (int c = start[r]; c < start[r + 1]; c++) labels[c] = Arrays.binarySearch(answers, items[c]) >= 0 ? 1 : 0;
      }
      int[] groups = IntStream.range(0, users.length).map(r -> start[r + 1] - start[r]).filter(n -> n > 0).toArray();
      DMatrix matrix = matrix();
      matrix.setLabel(labels);
      matrix.setGroup(groups);
      return matrix;
    }

    /** User r's best {@code depth} rows by score, best first; ties go to the lower item (rows are in item order). */
    int[] top(int r, float[] scores, int depth) {
      Integer[] order = IntStream.range(start[r], start[r + 1]).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
      int n = Math.min(depth, order.length);
      int[] top = new int[n];
      for (int i = 0; i < n; i++) top[i] = order[i];
      return top;
    }
  }
}
