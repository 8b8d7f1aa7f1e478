package movierec.submissions.ensemble;

import java.util.Locale;

/**
 * How score blending puts one source's scores for one user on a common scale before weighting: the
 * raw scores of different families (EASE's, a VAE's logits, kNN similarities) are not comparable.
 */
public enum ScoreNormalization {
  /** 1 − (rank − 1) / list length: the top item 1, the last 1/length; the scores themselves are ignored. */
  RANK,
  /** (s − min) / (max − min): the top 1, the last 0; a list of equal scores is all 1. */
  MINMAX,
  /** (s − mean) / standard deviation over the list; a list of equal scores is all 0. */
  ZSCORE,
  /** exp(s − max) / Σ exp(s − max) over the list: the list's scores as probabilities. */
  SOFTMAX;

  /** @param scores one user's list from one source, best first */
  public double[] apply(float[] scores) {
    int n = scores.length;
    double[] out = new double[n];
    if (n == 0) return out;
    switch (this) {
      case RANK -> {
        for (int r = 0; r < n; r++) out[r] = 1.0 - (double) r / n;
      }
      case MINMAX -> {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
          min = Math.min(min, s);
          max = Math.max(max, s);
        }
        for (int r = 0; r < n; r++) out[r] = max > min ? (scores[r] - min) / (max - min) : 1.0;
      }
      case ZSCORE -> {
        double mean = 0;
        for (float s : scores) mean += s;
        mean /= n;
        double var = 0;
        for (float s : scores) var += (s - mean) * (s - mean);
        double sd = Math.sqrt(var / n);
        for (int r = 0; r < n; r++) out[r] = sd > 0 ? (scores[r] - mean) / sd : 0.0;
      }
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) max = Math.max(max, s);
        double sum = 0;
        for (int r = 0; r < n; r++) sum += out[r] = Math.exp(scores[r] - max);
        for (int r = 0; r < n; r++) out[r] /= sum;
      }
      default -> throw new IllegalStateException(name());
    }
    return out;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScoreNormalization parse(String name) {
    return EnsembleSpec.parseEnum(ScoreNormalization.class, name, "--normalize");
  }
}
