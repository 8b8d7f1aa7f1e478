package movierec.submissions.ensemble;

import java.util.Locale;

/**
 * Where source weights come from: as given (1 when not given), proportional to each source's
 * validation metric, or tuned on the validation split (which then overfits that split a little).
 */
public enum WeightMode {
  GIVEN, AUTO, TUNED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static WeightMode parse(String name) {
    return EnsembleSpec.parseEnum(WeightMode.class, name, "--weights");
  }
}
