package movierec.core.synth;

import java.util.Locale;

/**
 * Shape of a synthetic dataset. History lengths are log-normal (median, sigma) clipped to [min, max];
 * the competition's are 16 to 2,912 with median ~114 and mean ~164.
 */
public record SyntheticConfig(int users, int items, double medianHistory, double historySigma, int minHistory, int maxHistory,
    int genres, int directors, int writers) {

  /** For tests and the quickstart: trains every family in seconds. */
  public static final SyntheticConfig SMALL = new SyntheticConfig(3000, 1200, 45, 0.7, 16, 400, 18, 250, 400);
  /** The competition's scale: 31,360 users × 6,807 items, about 5.15M interactions. */
  public static final SyntheticConfig COMPETITION = new SyntheticConfig(31_360, 6_807, 114, 0.85, 16, 2_912, 18, 1_340, 2_900);
  /** For unit tests that need many fits. */
  public static final SyntheticConfig TINY = new SyntheticConfig(400, 300, 30, 0.5, 16, 120, 18, 60, 100);

  public static SyntheticConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "small" -> SMALL;
      case "competition" -> COMPETITION;
      case "tiny" -> TINY;
      default -> throw new IllegalArgumentException("unknown synthetic preset '" + name + "'; valid: tiny, small, competition");
    };
  }
}
