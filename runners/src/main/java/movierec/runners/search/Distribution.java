package movierec.runners.search;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One parameter's distribution. Numeric ones are searched in an internal coordinate (the log of the
 * value when {@code log}), where TPE places its kernels; {@link Choice} is searched by index.
 */
public sealed interface Distribution {
  /** A uniformly random value, as random search and TPE's startup trials draw it. */
  Object sample(SplittableRandom rng);

  /** A continuous range; {@code log} searches it on a log scale (loguniform). */
  record Uniform(double low, double high, boolean log) implements Distribution {
    public Uniform {
      if (!(low < high)) throw new IllegalArgumentException("uniform: low " + low + " must be below high " + high);
      if (log && low <= 0) throw new IllegalArgumentException("loguniform: low " + low + " must be positive");
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return fromInternal(lowInternal() + rng.nextDouble() * (highInternal() - lowInternal()));
    }

    double lowInternal() {
      return log ? Math.log(low) : low;
    }

    double highInternal() {
      return log ? Math.log(high) : high;
    }

    double toInternal(double v) {
      return log ? Math.log(v) : v;
    }

    Double fromInternal(double x) {
      return Math.min(high, Math.max(low, log ? Math.exp(x) : x));
    }

    @Override
    public String toString() {
      return (log ? "loguniform" : "uniform") + " [" + low + ", " + high + "]";
    }
  }

  /**
   * Integers in [low, high]; {@code log} searches them on a log scale (Optuna's {@code log=True} ints).
   * Internally each integer owns the interval of width 1 around it, so rounding gives every value its share.
   */
  record IntRange(long low, long high, boolean log) implements Distribution {
    public IntRange {
      if (low > high) throw new IllegalArgumentException("int: low " + low + " must not be above high " + high);
      if (log && low < 1) throw new IllegalArgumentException("int with log: low " + low + " must be at least 1");
    }

    @Override
    public Object sample(SplittableRandom rng) {
      if (!log) return low + rng.nextLong(high - low + 1);
      return fromInternal(lowInternal() + rng.nextDouble() * (highInternal() - lowInternal()));
    }

    double lowInternal() {
      return log ? Math.log(low - 0.5) : low - 0.5;
    }

    double highInternal() {
      return log ? Math.log(high + 0.5) : high + 0.5;
    }

    double toInternal(double v) {
      return log ? Math.log(v) : v;
    }

    Long fromInternal(double x) {
      return Math.min(high, Math.max(low, Math.round(log ? Math.exp(x) : x)));
    }

    @Override
    public String toString() {
      return "int [" + low + ", " + high + "]" + (log ? " log" : "");
    }
  }

  /** One of a list of values (numbers, strings, booleans). */
  record Choice(List<?> values) implements Distribution {
    public Choice {
      if (values.isEmpty()) throw new IllegalArgumentException("choice: needs at least one value");
      values = List.copyOf(values);
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return values.get(rng.nextInt(values.size()));
    }

    @Override
    public String toString() {
      return "choice " + values;
    }

    int indexOf(Object value) {
      int i = values.indexOf(value);
      if (i < 0) throw new IllegalArgumentException("choice: " + value + " is not one of " + values);
      return i;
    }
  }
}
