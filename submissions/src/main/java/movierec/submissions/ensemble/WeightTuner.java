package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded search of the weight simplex for the weights that maximize an objective: the start point,
 * equal weights and uniform (Dirichlet(1)) samples, then coordinate refinement of the best point.
 * Only strict gains move the search, so the result is never worse than the start.
 */
final class WeightTuner {
  /** Factors one weight is scaled by in a refinement step (0 drops the source). */
  private static final double[] STEPS = {0.0, 0.5, 0.8, 1.25, 2.0};
  private static final int MAX_ROUNDS = 10;

  private final ToDoubleFunction<double[]> objective;
  private double[] best;
  private double bestValue;

  private WeightTuner(ToDoubleFunction<double[]> objective, double[] start) {
    this.objective = objective;
    this.best = normalize(start);
    this.bestValue = objective.applyAsDouble(best);
  }

  static double[] tune(ToDoubleFunction<double[]> objective, double[] start, int samples, long seed) {
    WeightTuner tuner = new WeightTuner(objective, start);
    int n = start.length;
    double[] equal = new double[n];
    Arrays.fill(equal, 1.0 / n);
    tuner.offer(equal);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int s = 0; s < samples; s++) {
      double[] point = new double[n];
      for (int i = 0; i < n; i++) point[i] = -Math.log(1.0 - rng.nextDouble());
      tuner.offer(normalize(point));
    }
    for (int round = 0; round < MAX_ROUNDS && tuner.refine(); round++) {
      // each round scales every weight by every step once; stop when a round gains nothing
    }
    return tuner.best;
  }

  private boolean offer(double[] weights) {
    double value = objective.applyAsDouble(weights);
    if (value <= bestValue) return false;
    best = weights;
    bestValue = value;
    return true;
  }

  private boolean refine() {
    boolean improved = false;
    for (int i = 0; i < best.length; i++) {
      for (double step : STEPS) {
        double[] point = best.clone();
        // A dropped source can come back: scale up from a small share instead of from zero.
        point[i] = point[i] == 0 && step > 1 ? step / (10.0 * point.length) : point[i] * step;
        if (Arrays.stream(point).sum() > 0) improved |= offer(normalize(point));
      }
    }
    return improved;
  }

  /** Scales to sum 1. */
  static double[] normalize(double[] weights) {
    double sum = Arrays.stream(weights).sum();
    if (!(sum > 0)) throw new IllegalArgumentException("weights must not all be zero");
    return Arrays.stream(weights).map(w -> w / sum).toArray();
  }
}
