package movierec.core.eval;

import java.util.Locale;

/** Ranking metrics, named as they are logged (e.g. {@code recall_at_10}); all are better when higher. */
public enum Metric {
  /** |top-K ∩ truth| / min(K, |truth|), as the competition scores it. */
  RECALL("recall"),
  NDCG("ndcg"),
  /** Share of users with at least one hit in the top K. */
  HIT_RATE("hit_rate"),
  /** Share of the catalog recommended to at least one user. */
  COVERAGE("coverage");

  private final String prefix;

  Metric(String prefix) {
    this.prefix = prefix;
  }

  public String key(int k) {
    return prefix + "_at_" + k;
  }

  public boolean higherIsBetter() {
    return true;
  }

  /** Parses {@code recall_at_10} style names; the K is returned through {@link Keyed}. */
  public static Keyed parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Metric m : values()) {
      String p = m.prefix + "_at_";
      if (lower.startsWith(p)) {
        try {
          return new Keyed(m, Integer.parseInt(lower.substring(p.length())));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'; valid: recall_at_K, ndcg_at_K, hit_rate_at_K, coverage_at_K");
  }

  public record Keyed(Metric metric, int k) {
    public String key() {
      return metric.key(k);
    }
  }
}
