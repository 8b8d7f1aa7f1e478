package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import movierec.core.eval.Evaluation;

/**
 * Tuned weights judged on users the tuning never saw: the validation users are split in two by a
 * seeded shuffle, weights are tuned on the first part and the ensemble is scored with them on the
 * second. The weights for the submission are then tuned on all validation users (by the caller); the
 * held-out figure is the one to trust and rank by.
 */
final class HonestTuning {
  /**
   * @param tuneUsers the users the weights were tuned on
   * @param heldOutUsers the users they were scored on, disjoint from {@code tuneUsers}
   * @param weights the weights tuned on {@code tuneUsers}
   * @param ensemble the ensemble's result on {@code heldOutUsers} with those weights
   */
  record Outcome(int[] tuneUsers, int[] heldOutUsers, double[] weights, Evaluation ensemble) {}

  private HonestTuning() {}

  /**
   * @param evaluateOn the ensemble's result for weights on a set of users (only those users' lists and answers are read)
   * @param metric the figure tuning maximizes
   */
  static Outcome run(int[] users, double[] start, int samples, long seed, BiFunction<double[], int[], Evaluation> evaluateOn,
      ToDoubleFunction<Evaluation> metric) {
    int[][] parts = parts(users, seed);
    int[] tune = parts[0];
    int[] heldOut = parts[1];
    double[] weights = WeightTuner.tune(w -> metric.applyAsDouble(evaluateOn.apply(w, tune)), start, samples, seed);
    return new Outcome(tune, heldOut, weights, evaluateOn.apply(weights, heldOut));
  }

  /** The tuning part and the held-out part of {@code users} (at least 2), each sorted: a seeded shuffle cut in half. */
  static int[][] parts(int[] users, long seed) {
    return parts(users, seed, 0.5);
  }

  /** A seeded shuffle of {@code users} (at least 2) cut after {@code share} of them (at least one user on each side), each part sorted. */
  static int[][] parts(int[] users, long seed, double share) {
    if (users.length < 2) throw new IllegalArgumentException("honest tuning needs at least 2 validation users, got " + users.length);
    int[] shuffled = users.clone();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int half = Math.max(1, Math.min(shuffled.length - 1, (int) (shuffled.length * share)));
    int[] tune = Arrays.copyOfRange(shuffled, 0, half);
    int[] heldOut = Arrays.copyOfRange(shuffled, half, shuffled.length);
    Arrays.sort(tune);
    Arrays.sort(heldOut);
    return new int[][] {tune, heldOut};
  }
}
