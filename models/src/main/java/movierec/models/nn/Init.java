package movierec.models.nn;

import java.util.SplittableRandom;

/** Weight initialization from the model's own generator (never ND4J's global one). */
final class Init {
  private Init() {}

  /** Glorot and Bengio's uniform range ±sqrt(6 / (in + out)), as Liang et al. use. */
  static void glorot(float[] w, int in, int out, SplittableRandom rng) {
    double limit = Math.sqrt(6.0 / (in + out));
    for (int k = 0; k < w.length; k++) w[k] = (float) ((2 * rng.nextDouble() - 1) * limit);
  }
}
