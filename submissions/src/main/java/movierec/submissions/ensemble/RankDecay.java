package movierec.submissions.ensemble;

import java.util.Locale;

/** How much a vote counts by the rank it comes from: flat, or 1/log2(rank+1) as in DCG. */
public enum RankDecay {
  NONE, LOG;

  /** @param rank from 1 */
  public double at(int rank) {
    return this == NONE ? 1.0 : 1.0 / (Math.log(rank + 1) / Math.log(2));
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RankDecay parse(String name) {
    return EnsembleSpec.parseEnum(RankDecay.class, name, "--rank-decay");
  }
}
