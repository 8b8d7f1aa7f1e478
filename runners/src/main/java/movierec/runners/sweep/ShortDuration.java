package movierec.runners.sweep;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 30m}, {@code 2h}, or ISO-8601 ({@code PT30M}). */
public final class ShortDuration {
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smh])");

  private ShortDuration() {}

  /** @throws IllegalArgumentException naming the accepted forms */
  public static Duration parse(String value) {
    Matcher m = SHORT.matcher(value.strip());
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      Duration d = Duration.parse(value.strip());
      if (!d.isNegative()) return d;
    } catch (RuntimeException e) {
      // reported below with the accepted forms
    }
    throw new IllegalArgumentException("'" + value + "' is not a duration: use e.g. 90s, 30m, 2h or PT30M");
  }
}
