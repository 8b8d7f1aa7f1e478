package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Gradient-boosted regression trees on the logistic loss with Newton leaf values (Friedman 2001; the
 * histogram form of LightGBM and XGBoost's hist): each feature is cut once into at most {@link #BINS}
 * quantile bins, and every tree grows level by level to {@code depth} from per-bin gradient sums. The
 * fit is deterministic: no sampling, and each feature's histogram is summed in row order by one thread.
 */
final class BoostedTrees {
  static final int BINS = 32;

  /**
   * @param depth levels of a tree (2^depth leaves at most)
   * @param minLeafHessian the least sum of p(1 − p) a leaf may have, so that leaves rest on enough rows
   * @param l2 added to a leaf's hessian sum: shrinks leaves on few rows towards 0
   */
  record Settings(int depth, double learningRate, double minLeafHessian, double l2) {
    static final Settings DEFAULT = new Settings(4, 0.1, 5.0, 1.0);
  }

  /** A tree as arrays in heap order: node n's children are 2n+1 and 2n+2; a leaf has feature −1. */
  record Tree(int[] feature, float[] threshold, float[] value) {
    double predict(float[] row, int offset) {
      int n = 0;
      while (feature[n] >= 0) n = row[offset + feature[n]] <= threshold[n] ? 2 * n + 1 : 2 * n + 2;
      return value[n];
    }
  }

  /** Trees fitted so far, the base score (log-odds of the positive rate) and each feature's summed split gain. */
  record Model(double base, Tree[] trees, double[] gain) {
    /** The log-odds for one row of {@code features} values starting at {@code offset}, with the first {@code count} trees. */
    double predict(float[] row, int offset, int count) {
      double f = base;
      for (int t = 0; t < count; t++) f += trees[t].predict(row, offset);
      return f;
    }
  }

  /** Called after each tree with the number of trees so far and the new tree; returning false stops boosting. */
  interface Monitor {
    boolean afterTree(int trees, Tree tree);
  }

  private final int rows;
  private final int features;
  /** Row-major values, {@code features} per row. */
  private final float[] values;
  private final boolean[] labels;
  /** Per feature the upper edges of its bins; a value goes to the first bin whose edge is at least it. */
  private final float[][] edges;
  /** Feature-major bin numbers. */
  private final byte[][] bins;

  BoostedTrees(float[] values, int features, boolean[] labels) {
    if (values.length != (long) labels.length * features) throw new IllegalArgumentException(labels.length + " labels for " + values.length + " values");
    this.rows = labels.length;
    this.features = features;
    this.values = values;
    this.labels = labels;
    this.edges = new float[features][];
    this.bins = new byte[features][];
    IntStream.range(0, features).parallel().forEach(f -> {
      float[] column = new float[rows];
      for (int r = 0; r < rows; r++) column[r] = values[r * features + f];
      float[] sorted = column.clone();
      Arrays.sort(sorted);
      edges[f] = quantileEdges(sorted);
      byte[] b = new byte[rows];
      for (int r = 0; r < rows; r++) b[r] = (byte) binOf(edges[f], column[r]);
      bins[f] = b;
    });
  }

  /** Distinct upper edges at the quantiles of {@code sorted}, the last one its maximum. */
  static float[] quantileEdges(float[] sorted) {
    if (sorted.length == 0) return new float[] {0f};
    float[] edges = new float[BINS];
    int n = 0;
    for (int b = 1; b <= BINS; b++) {
      float edge = sorted[Math.max(0, (int) ((long) sorted.length * b / BINS) - 1)];
      if (n == 0 || edge > edges[n - 1]) edges[n++] = edge;
    }
    if (edges[n - 1] < sorted[sorted.length - 1]) edges[n - 1] = sorted[sorted.length - 1];
    return Arrays.copyOf(edges, n);
  }

  private static int binOf(float[] edges, float value) {
    int i = Arrays.binarySearch(edges, value);
    return Math.min(edges.length - 1, i >= 0 ? i : -i - 1);
  }

  /** Boosts up to {@code maxTrees} trees, stopping early when the monitor says so. */
  Model fit(int maxTrees, Settings settings, Monitor monitor) {
    int positives = 0;
    for (boolean l : labels) if (l) positives++;
    double rate = Math.min(1 - 1e-6, Math.max(1e-6, (double) positives / Math.max(1, rows)));
    double base = Math.log(rate / (1 - rate));
    double[] scores = new double[rows];
    Arrays.fill(scores, base);
    double[] grad = new double[rows];
    double[] hess = new double[rows];
    double[] gain = new double[features];
    Tree[] trees = new Tree[maxTrees];
    int built = 0;
    while (built < maxTrees) {
      for (int r = 0; r < rows; r++) {
        double p = 1 / (1 + Math.exp(-scores[r]));
        grad[r] = p - (labels[r] ? 1 : 0);
        hess[r] = Math.max(1e-12, p * (1 - p));
      }
      Tree tree = grow(grad, hess, settings, gain);
      trees[built++] = tree;
      for (int r = 0; r < rows; r++) scores[r] += tree.predict(values, r * features);
      if (!monitor.afterTree(built, tree)) break;
    }
    return new Model(base, Arrays.copyOf(trees, built), gain);
  }

  private Tree grow(double[] grad, double[] hess, Settings s, double[] gain) {
    int nodes = (1 << (s.depth() + 1)) - 1;
    int[] feature = new int[nodes];
    float[] threshold = new float[nodes];
    float[] value = new float[nodes];
    Arrays.fill(feature, -1);
    // Rows of each node of the current level, in row order.
    int[][] members = new int[nodes][];
    members[0] = IntStream.range(0, rows).toArray();
    for (int level = 0; level <= s.depth(); level++) {
      int first = (1 << level) - 1;
      for (int n = first; n < 2 * first + 1; n++) {
        int[] m = members[n];
        if (m == null) continue;
        double g = 0;
        double h = 0;
        for (int r : m) {
          g += grad[r];
          h += hess[r];
        }
        value[n] = (float) (-s.learningRate() * g / (h + s.l2()));
        if (level == s.depth() || h < 2 * s.minLeafHessian()) continue;
        Split best = bestSplit(m, grad, hess, g, h, s);
        if (best == null) continue;
        feature[n] = best.feature;
        threshold[n] = edges[best.feature][best.bin];
        gain[best.feature] += best.gain;
        byte[] b = bins[best.feature];
        int left = 0;
        for (int r : m) if (b[r] <= best.bin) left++;
        int[] l = new int[left];
        int[] rgt = new int[m.length - left];
        int li = 0;
        int ri = 0;
        for (int r : m) {
          if (b[r] <= best.bin) l[li++] = r;
          else rgt[ri++] = r;
        }
        members[2 * n + 1] = l;
        members[2 * n + 2] = rgt;
      }
      for (int n = first; n < 2 * first + 1; n++) members[n] = null;
    }
    return new Tree(feature, threshold, value);
  }

  private record Split(int feature, int bin, double gain) {}

  private Split bestSplit(int[] m, double[] grad, double[] hess, double g, double h, Settings s) {
    double parent = g * g / (h + s.l2());
    Split[] perFeature = new Split[features];
    IntStream.range(0, features).parallel().forEach(f -> {
      double[] hg = new double[BINS];
      double[] hh = new double[BINS];
      byte[] b = bins[f];
      for (int r : m) {
        hg[b[r]] += grad[r];
        hh[b[r]] += hess[r];
      }
      double gl = 0;
      double hl = 0;
      Split best = null;
      for (int bin = 0; bin < edges[f].length - 1; bin++) {
        gl += hg[bin];
        hl += hh[bin];
        double hr = h - hl;
        if (hl < s.minLeafHessian() || hr < s.minLeafHessian()) continue;
        double gr = g - gl;
        double gain = gl * gl / (hl + s.l2()) + gr * gr / (hr + s.l2()) - parent;
        if (gain > 1e-9 && (best == null || gain > best.gain)) best = new Split(f, bin, gain);
      }
      perFeature[f] = best;
    });
    Split best = null;
    // The lowest feature on ties, so that the tree does not depend on scheduling.
    for (Split sp : perFeature) if (sp != null && (best == null || sp.gain > best.gain)) best = sp;
    return best;
  }
}
