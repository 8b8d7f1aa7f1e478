package movierec.runners.search;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * TPE's density model over a group of parameters (Bergstra et al. 2011; the kernel choices follow
 * Optuna's {@code _ParzenEstimator}): one kernel per observation plus a prior kernel, mixed with the
 * observations' weights and the prior weight. A numeric dimension's kernel is a normal truncated to
 * the range, a categorical one is the observed choice smoothed by the prior weight. An integer
 * dimension is drawn as a number and rounded, and scored by its kernels' mass over the integer's
 * interval (Optuna's discrete truncated normals), so the ratio l/g is that of the value actually
 * proposed. Multivariate: a draw takes one component for every dimension, so correlations between
 * parameters survive.
 */
final class ParzenEstimator {
  /**
   * A dimension: numeric in [low, high] of the internal coordinate (the log of the value when
   * {@code log}), or categorical with n choices. An integer one ({@code integer}) spans its values'
   * unit intervals, [lowest - 0.5, highest + 0.5] before the log.
   */
  record Dim(double low, double high, int choices, boolean integer, boolean log) {
    static Dim continuous(double low, double high) {
      return new Dim(low, high, 0, false, false);
    }

    static Dim categorical(int choices) {
      return new Dim(0, 0, choices, false, false);
    }

    boolean categorical() {
      return choices > 0;
    }

    private double external(double x) {
      return log ? Math.exp(x) : x;
    }

    private double internal(double v) {
      return log ? Math.log(v) : v;
    }

    /** The internal coordinate of the integer nearest to x's value, within the range. */
    double rounded(double x) {
      double lowest = Math.round(external(low) + 0.5);
      double highest = Math.round(external(high) - 0.5);
      return internal(Math.min(highest, Math.max(lowest, Math.round(external(x)))));
    }

    /** The interval in the internal coordinate that the integer at x owns. */
    double[] cell(double x) {
      double v = Math.round(external(x));
      return new double[] {internal(v - 0.5), internal(v + 0.5)};
    }
  }

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private final List<Dim> dims;
  private final double[] logWeights;
  private final double[] weights;
  /** Per dimension, per component: mean and sigma (numeric) or choice probabilities (categorical). */
  private final double[][] mus;
  private final double[][] sigmas;
  /** Per dimension, per component: the log of the kernel's mass over the range, plus log(sigma sqrt(2 pi)) for a density. */
  private final double[][] logNorm;
  private final double[][][] probs;

  /**
   * @param observations one row per observation, one internal coordinate (or choice index) per dimension
   * @param obsWeights the observations' weights, before the prior's is appended
   */
  ParzenEstimator(List<Dim> dims, double[][] observations, double[] obsWeights, double priorWeight) {
    this.dims = dims;
    int n = observations.length;
    int k = n + 1;
    weights = new double[k];
    double total = priorWeight;
    for (int i = 0; i < n; i++) total += obsWeights[i];
    logWeights = new double[k];
    for (int i = 0; i < k; i++) {
      weights[i] = (i < n ? obsWeights[i] : priorWeight) / total;
      logWeights[i] = Math.log(weights[i]);
    }
    int d = dims.size();
    mus = new double[d][];
    sigmas = new double[d][];
    logNorm = new double[d][];
    probs = new double[d][][];
    for (int j = 0; j < d; j++) {
      Dim dim = dims.get(j);
      double[] column = new double[n];
      for (int i = 0; i < n; i++) column[i] = observations[i][j];
      if (dim.categorical()) {
        probs[j] = categoricalKernels(column, dim.choices(), priorWeight);
      } else {
        numericKernels(j, dim, column, k);
      }
    }
  }

  private static double[][] categoricalKernels(double[] observed, int choices, double priorWeight) {
    double[][] p = new double[observed.length + 1][choices];
    for (int i = 0; i < observed.length; i++) {
      // Optuna 5 spreads the prior weight divided by the kernel count (not the choice count) over the choices.
      java.util.Arrays.fill(p[i], priorWeight / (observed.length + 1));
      p[i][(int) observed[i]] += 1;
      double sum = 1 + choices * priorWeight / (observed.length + 1);
      for (int c = 0; c < choices; c++) p[i][c] /= sum;
    }
    java.util.Arrays.fill(p[observed.length], 1.0 / choices);
    return p;
  }

  /** Optuna 5 uses the neighbour rule for bandwidths in the multivariate case too (no Scott-style rule). */
  private void numericKernels(int j, Dim dim, double[] observed, int kernels) {
    int n = observed.length;
    double range = dim.high() - dim.low();
    double[] mu = new double[kernels];
    double[] sigma = new double[kernels];
    System.arraycopy(observed, 0, mu, 0, n);
    if (n > 0) {
      // Each kernel as wide as the larger gap to its neighbours (the range's ends count as neighbours,
      // except that the outermost kernels look inward only: Optuna's consider_endpoints=False).
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      java.util.Arrays.sort(order, (a, b) -> Double.compare(observed[a], observed[b]));
      double[] sorted = new double[n + 2];
      sorted[0] = dim.low();
      sorted[n + 1] = dim.high();
      for (int i = 0; i < n; i++) sorted[i + 1] = observed[order[i]];
      double[] sortedSigma = new double[n];
      for (int i = 0; i < n; i++) sortedSigma[i] = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
      if (n + 2 >= 4) {
        sortedSigma[0] = sorted[2] - sorted[1];
        sortedSigma[n - 1] = sorted[n] - sorted[n - 1];
      }
      for (int i = 0; i < n; i++) sigma[order[i]] = sortedSigma[i];
    }
    // Optuna's "magic clip": no kernel narrower than range / min(100, kernels + 1) nor wider than the range.
    double minSigma = range / Math.min(100.0, 1.0 + kernels);
    for (int i = 0; i < n; i++) sigma[i] = Math.min(range, Math.max(minSigma, sigma[i]));
    mu[n] = 0.5 * (dim.low() + dim.high());
    sigma[n] = range;
    double[] norm = new double[kernels];
    for (int i = 0; i < kernels; i++) {
      norm[i] = logGaussMass((dim.low() - mu[i]) / sigma[i], (dim.high() - mu[i]) / sigma[i]);
      if (!dim.integer()) norm[i] += Math.log(sigma[i]) + LOG_SQRT_2PI;
    }
    mus[j] = mu;
    sigmas[j] = sigma;
    logNorm[j] = norm;
  }

  /** log(Phi(b) - Phi(a)) for a < b, from the tail nearer to the interval so that far tails keep their digits. */
  static double logGaussMass(double a, double b) {
    if (a >= 0) return Math.log(phi(-a) - phi(-b));
    if (b <= 0) return Math.log(phi(b) - phi(a));
    return Math.log1p(-phi(a) - phi(-b));
  }

  private static double phi(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  /** One point: a component drawn by weight, then every dimension from that component's kernel. */
  double[] sample(SplittableRandom rng) {
    double u = rng.nextDouble();
    int c = 0;
    for (double acc = weights[0]; c < weights.length - 1 && u >= acc; acc += weights[++c]) {}
    double[] x = new double[dims.size()];
    for (int j = 0; j < x.length; j++) {
      Dim dim = dims.get(j);
      if (dim.categorical()) {
        double v = rng.nextDouble();
        double[] p = probs[j][c];
        int choice = 0;
        for (double acc = p[0]; choice < p.length - 1 && v >= acc; acc += p[++choice]) {}
        x[j] = choice;
      } else {
        x[j] = truncatedNormal(rng, mus[j][c], sigmas[j][c], dim.low(), dim.high());
        if (dim.integer()) x[j] = dim.rounded(x[j]);
      }
    }
    return x;
  }

  /** Rejection from the normal: the mean lies in the range and sigma is at most its width, so about a third of draws or more land inside. */
  private static double truncatedNormal(SplittableRandom rng, double mu, double sigma, double low, double high) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      double x = mu + sigma * gaussian(rng);
      if (x >= low && x <= high) return x;
    }
    return Math.min(high, Math.max(low, mu));
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller from the generator itself, so a draw depends on the seed alone.
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  double logPdf(double[] x) {
    int k = weights.length;
    double[] terms = logWeights.clone();
    for (int j = 0; j < x.length; j++) {
      Dim dim = dims.get(j);
      if (dim.categorical()) {
        int choice = (int) x[j];
        for (int c = 0; c < k; c++) terms[c] += Math.log(probs[j][c][choice]);
      } else if (dim.integer()) {
        double[] cell = dim.cell(x[j]);
        for (int c = 0; c < k; c++) {
          double s = sigmas[j][c];
          terms[c] += logGaussMass((cell[0] - mus[j][c]) / s, (cell[1] - mus[j][c]) / s) - logNorm[j][c];
        }
      } else {
        for (int c = 0; c < k; c++) {
          double z = (x[j] - mus[j][c]) / sigmas[j][c];
          terms[c] += -0.5 * z * z - logNorm[j][c];
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) max = Math.max(max, t);
    if (max == Double.NEGATIVE_INFINITY) return max;
    double sum = 0;
    for (double t : terms) sum += Math.exp(t - max);
    return max + Math.log(sum);
  }
}
