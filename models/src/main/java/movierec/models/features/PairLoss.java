package movierec.models.features;

import java.util.Locale;

/** Training objectives over a positive (watched) item and sampled unwatched ones. */
public enum PairLoss {
  /** −ln σ(s_i − s_j) per sampled negative j (Rendle et al. 2009): fits the order directly. */
  BPR,
  /** −ln σ(s_i) − Σ_j ln σ(−s_j): each pair classified on its own, the positive against its negatives. */
  LOGLOSS;

  /** The loss named in params: {@code bpr} or {@code logloss}. */
  public static PairLoss of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public static boolean isValid(String name) {
    return name != null && (name.equals("bpr") || name.equals("logloss"));
  }
}
