package movierec.runners.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.runners.search.Distribution;

/**
 * One {@code models:} entry of a sweep file: a family, its fixed values and its searched parameters.
 * A list in the file is a {@link Distribution.Choice}: a grid axis under grid search, a categorical
 * parameter under random and tpe.
 */
record ModelSpace(String family, Map<String, Object> fixed, Map<String, Distribution> searched) {
  ModelSpace {
    fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    searched = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(searched));
  }

  boolean hasRanges() {
    return searched.values().stream().anyMatch(d -> !(d instanceof Distribution.Choice));
  }

  /** A trial's params: the fixed values and the given (sampled or grid) ones. */
  Map<String, Object> point(Map<String, Object> values) {
    Map<String, Object> p = new LinkedHashMap<>(fixed);
    p.putAll(values);
    return p;
  }

  /** Cartesian product of the axes (every searched parameter must be a choice), in declaration order. */
  List<Map<String, Object>> grid() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    searched.forEach((name, d) -> {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (Object v : ((Distribution.Choice) d).values()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(name, v);
          next.add(q);
        }
      }
      points.clear();
      points.addAll(next);
    });
    return points.stream().map(this::point).toList();
  }

  /**
   * Points that together reach each end of every range and every choice (other parameters at their first
   * value): every sample lies within these, so checking them checks the whole space.
   */
  List<Map<String, Object>> extremes() {
    Map<String, Object> first = new LinkedHashMap<>();
    searched.forEach((name, d) -> first.put(name, ends(d).get(0)));
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(point(first));
    searched.forEach((name, d) -> {
      for (Object v : ends(d)) {
        Map<String, Object> p = new LinkedHashMap<>(first);
        p.put(name, v);
        points.add(point(p));
      }
    });
    return points;
  }

  private static List<?> ends(Distribution d) {
    if (d instanceof Distribution.Choice c) return c.values();
    if (d instanceof Distribution.Uniform u) return List.of(u.low(), u.high());
    Distribution.IntRange r = (Distribution.IntRange) d;
    return List.of(r.low(), r.high());
  }
}
