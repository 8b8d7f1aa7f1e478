package movierec.submissions.ensemble;

import java.util.Locale;
import movierec.submissions.Submission;

/**
 * Hard voting counts each source once; weighted hard voting counts each source by its weight; blending
 * sums the sources' normalized scores by weight ({@link Blending}); stacking re-ranks the sources'
 * candidates with trees trained on validation answers ({@link Stacking}), so it has no weights to combine by.
 */
public enum VotingMethod {
  HARD, WEIGHTED, BLEND, STACK;

  /** The combiner for these weights; stacking's is trained instead ({@link Stacking#fit}). */
  ListCombiner combiner(double[] weights, EnsembleSpec spec) {
    return switch (this) {
      case BLEND -> new Blending(weights, spec.normalization());
      case HARD, WEIGHTED -> new Voting(weights, spec.decay(), Submission.SIZE);
      case STACK -> throw new IllegalStateException("stacking is trained on validation answers, not combined by weights");
    };
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VotingMethod parse(String name) {
    return EnsembleSpec.parseEnum(VotingMethod.class, name, "--method");
  }
}
