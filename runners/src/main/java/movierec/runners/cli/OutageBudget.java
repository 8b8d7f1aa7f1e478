package movierec.runners.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --outage-budget}: {@code 90s}, {@code 30m}, {@code 2h} or an ISO-8601 duration ({@code PT30M}). */
final class OutageBudget implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smh])");

  @Override
  public Duration convert(String value) {
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
    throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 30m, 2h or PT30M");
  }
}
