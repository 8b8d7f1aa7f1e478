package movierec.runners.cli;

import java.time.Duration;
import movierec.runners.sweep.ShortDuration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --outage-budget}: {@code 90s}, {@code 30m}, {@code 2h} or an ISO-8601 duration ({@code PT30M}). */
final class OutageBudget implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return ShortDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
