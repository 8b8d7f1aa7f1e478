package movierec.runners.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One family's search space: each parameter is fixed, a list (a grid axis, or a choice under random
 * search) or a distribution (random search only).
 */
record SearchSpace(String family, Map<String, Domain> params) {

  /** A parameter's possible values. */
  sealed interface Domain permits Fixed, Choice, Uniform, LogUniform, IntRange {
    Object sample(SplittableRandom rng);
  }

  record Fixed(Object value) implements Domain {
    public Object sample(SplittableRandom rng) {
      return value;
    }
  }

  record Choice(List<Object> values) implements Domain {
    public Object sample(SplittableRandom rng) {
      return values.get(rng.nextInt(values.size()));
    }
  }

  record Uniform(double low, double high) implements Domain {
    public Object sample(SplittableRandom rng) {
      return low + rng.nextDouble() * (high - low);
    }
  }

  record LogUniform(double low, double high) implements Domain {
    public Object sample(SplittableRandom rng) {
      return Math.exp(Math.log(low) + rng.nextDouble() * (Math.log(high) - Math.log(low)));
    }
  }

  /** Integers from low to high, both included. */
  record IntRange(int low, int high) implements Domain {
    public Object sample(SplittableRandom rng) {
      return low + rng.nextInt(high - low + 1);
    }
  }

  boolean hasDistributions() {
    return params.values().stream().anyMatch(d -> d instanceof Uniform || d instanceof LogUniform || d instanceof IntRange);
  }

  /** Cartesian product of the list-valued parameters, in declaration order. */
  List<Map<String, Object>> grid() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    params.forEach((name, domain) -> {
      List<Object> values = domain instanceof Choice c ? c.values() : List.of(((Fixed) domain).value());
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (Object v : values) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(name, v);
          next.add(q);
        }
      }
      points.clear();
      points.addAll(next);
    });
    return points;
  }

  /**
   * Points that together reach each end of every distribution and every choice (other parameters at
   * their first value): every sample lies within these, so checking them checks the whole space.
   */
  List<Map<String, Object>> extremes() {
    Map<String, Object> first = new LinkedHashMap<>();
    params.forEach((name, domain) -> first.put(name, ends(domain).get(0)));
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(first);
    params.forEach((name, domain) -> {
      for (Object v : ends(domain)) {
        Map<String, Object> p = new LinkedHashMap<>(first);
        p.put(name, v);
        points.add(p);
      }
    });
    return points;
  }

  private static List<Object> ends(Domain domain) {
    if (domain instanceof Fixed f) return List.of(f.value());
    if (domain instanceof Choice c) return c.values();
    if (domain instanceof Uniform u) return List.of(u.low(), u.high());
    if (domain instanceof LogUniform l) return List.of(l.low(), l.high());
    IntRange r = (IntRange) domain;
    return List.of(r.low(), r.high());
  }

  Map<String, Object> sample(SplittableRandom rng) {
    Map<String, Object> point = new LinkedHashMap<>();
    params.forEach((name, domain) -> point.put(name, domain.sample(rng)));
    return point;
  }
}
