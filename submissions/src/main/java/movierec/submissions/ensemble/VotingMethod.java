package movierec.submissions.ensemble;

import java.util.Locale;

/** Hard voting counts each source once; weighted hard voting counts each source by its weight. */
public enum VotingMethod {
  HARD, WEIGHTED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VotingMethod parse(String name) {
    return EnsembleSpec.parseEnum(VotingMethod.class, name, "--method");
  }
}
