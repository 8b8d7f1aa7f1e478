package movierec.submissions.ensemble;

import java.util.Arrays;
import java.util.Locale;
import movierec.core.eval.Metric;

/**
 * How an ensemble votes and weighs its sources.
 *
 * @param normalization how blending scales each source's scores per user (read by {@code --method blend} only)
 * @param metric the validation metric that auto weights are proportional to and tuning maximizes
 * @param tuneSamples random points of the weight simplex tried before refining the best one
 * @param seed of the tuning search
 */
public record EnsembleSpec(VotingMethod method, WeightMode weights, RankDecay decay, ScoreNormalization normalization, Metric.Keyed metric, int tuneSamples, long seed) {
  public static final int DEFAULT_TUNE_SAMPLES = 200;

  public EnsembleSpec {
    if (method == VotingMethod.HARD && weights != WeightMode.GIVEN) {
      throw new IllegalArgumentException("hard voting counts every source once; --weights " + weights.key() + " needs --method weighted");
    }
    if (method == VotingMethod.STACK && weights != WeightMode.TUNED) {
      throw new IllegalArgumentException("stacking is always trained on the validation answers; --weights " + weights.key() + " does not apply (use tuned)");
    }
    if (tuneSamples < 0) throw new IllegalArgumentException("tune samples must be >= 0, got " + tuneSamples);
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String option) {
    try {
      return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": unknown value '" + name + "'; valid: "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
    }
  }
}
