package movierec.submissions.ensemble;

import java.util.Locale;
import movierec.submissions.Submission;

/**
 * Hard voting counts each source once; weighted hard voting counts each source by its weight; blending
 * sums the sources' normalized scores by weight ({@link Blending}).
 */
public enum VotingMethod {
  HARD, WEIGHTED, BLEND;

  /** The combiner for these weights. */
  ListCombiner combiner(double[] weights, EnsembleSpec spec) {
    return this == BLEND ? new Blending(weights, spec.normalization()) : new Voting(weights, spec.decay(), Submission.SIZE);
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VotingMethod parse(String name) {
    return EnsembleSpec.parseEnum(VotingMethod.class, name, "--method");
  }
}
