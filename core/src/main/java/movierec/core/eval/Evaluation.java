package movierec.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Metrics at K over the users with held-out answers, and the ranked lists they were computed from. */
public record Evaluation(int k, double recall, double ndcg, double hitRate, double coverage, int usersEvaluated, RankedLists lists) {

  public double get(Metric metric) {
    return switch (metric) {
      case RECALL -> recall;
      case NDCG -> ndcg;
      case HIT_RATE -> hitRate;
      case COVERAGE -> coverage;
    };
  }

  /** Metric key (e.g. recall_at_10) to value, in a stable order. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) m.put(metric.key(k), get(metric));
    return m;
  }
}
