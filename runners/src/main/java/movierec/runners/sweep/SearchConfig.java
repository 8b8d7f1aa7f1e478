package movierec.runners.sweep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import movierec.runners.search.AshaPruner;
import movierec.runners.search.MedianPruner;
import movierec.runners.search.Pruner;
import movierec.runners.search.RandomSampler;
import movierec.runners.search.Sampler;
import movierec.runners.search.TpeSampler;

/**
 * A sweep file's {@code search:}, {@code pruner:} and {@code budget:} keys: how the next trial is chosen,
 * when a running one is stopped, and when the sweep stops asking for more.
 *
 * @param strategy grid (the list, as expanded up front), random or tpe (asked one trial at a time)
 * @param trials how many trials random and tpe ask for
 * @param startupTrials tpe's random trials before it models the history
 * @param seed the sampler's seed (default: the sweep's seed)
 */
public record SearchConfig(String strategy, int trials, int startupTrials, long seed, PrunerConfig pruner, BudgetConfig budget) {
  public static final String GRID = "grid";
  static final Set<String> STRATEGIES = Set.of(GRID, "random", "tpe");

  /**
   * @param strategy none, median (Optuna's MedianPruner) or asha (successive halving within a family)
   * @param minEpochs no trial is pruned before this epoch; asha's first rung
   * @param reductionFactor asha's η: rungs at min_epochs·η^k, the top 1/η go on
   * @param warmupTrials median: complete trials of the family needed before it prunes
   */
  public record PrunerConfig(String strategy, int minEpochs, int reductionFactor, int warmupTrials) {
    public static final PrunerConfig NONE = new PrunerConfig("none", 1, 3, 5);

    public Pruner build() {
      return switch (strategy) {
        case "median" -> new MedianPruner(warmupTrials, minEpochs);
        case "asha" -> new AshaPruner(minEpochs, reductionFactor);
        default -> Pruner.NONE;
      };
    }
  }

  /**
   * When the sweep stops asking for trials (running ones finish); null/0 = no limit.
   *
   * @param wall wall-clock time since the sweep started in this process
   * @param epochs epochs run by finished trials, resumed ones included (a closed-form fit counts as none)
   */
  public record BudgetConfig(Duration wall, int epochs) {
    public static final BudgetConfig NONE = new BudgetConfig(null, 0);

    public boolean spent(Duration elapsed, long epochsRun) {
      return wall != null && elapsed.compareTo(wall) >= 0 || epochs > 0 && epochsRun >= epochs;
    }
  }

  public boolean grid() {
    return strategy.equals(GRID);
  }

  /** The sampler of a random or tpe search. */
  public Sampler sampler() {
    return switch (strategy) {
      case "random" -> new RandomSampler(seed);
      case "tpe" -> new TpeSampler(seed, TpeSampler.Settings.DEFAULTS.withStartupTrials(startupTrials));
      default -> throw new IllegalStateException("a grid has no sampler");
    };
  }

  /** The parent run's params: strategy, trial count, the sampler's and pruner's settings, the budget. */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    if (!grid()) {
      p.put("search.trials", Integer.toString(trials));
      sampler().describe().forEach((k, v) -> p.put("search." + k, v));
    }
    pruner.build().describe().forEach((k, v) -> p.put("pruner." + (k.equals("pruner") ? "strategy" : k), v));
    p.put("budget.wall", budget.wall() == null ? "none" : budget.wall().toString());
    p.put("budget.epochs", budget.epochs() == 0 ? "none" : Integer.toString(budget.epochs()));
    return p;
  }

  /** Reads the three keys; errors name file, line and key. */
  static SearchConfig read(SweepConfig.Reader r, long sweepSeed) {
    r.onlyKeys("/search", r.at("/search"), Set.of("strategy", "trials", "startup_trials", "seed"));
    String strategy = r.text("/search/strategy", GRID).toLowerCase(Locale.ROOT);
    if (!STRATEGIES.contains(strategy)) throw r.doc().error("/search/strategy", "expected grid, random or tpe, found '" + strategy + "'");
    if (!strategy.equals("tpe") && !r.at("/search/startup_trials").isMissingNode()) {
      throw r.doc().error("/search/startup_trials", "applies to search: {strategy: tpe} only");
    }
    int trials = r.integer("/search/trials", 10, 1);
    int startup = r.integer("/search/startup_trials", TpeSampler.Settings.DEFAULTS.startupTrials(), 0);
    long seed = r.integer("/search/seed", (int) sweepSeed, 0);

    r.onlyKeys("/pruner", r.at("/pruner"), Set.of("strategy", "min_epochs", "reduction_factor", "warmup_trials"));
    String prunerName = r.text("/pruner/strategy", "none").toLowerCase(Locale.ROOT);
    if (!Set.of("none", "median", "asha").contains(prunerName)) {
      throw r.doc().error("/pruner/strategy", "expected none, median or asha, found '" + prunerName + "'");
    }
    PrunerConfig pruner = new PrunerConfig(prunerName, r.integer("/pruner/min_epochs", PrunerConfig.NONE.minEpochs(), 1),
        r.integer("/pruner/reduction_factor", PrunerConfig.NONE.reductionFactor(), 2),
        r.integer("/pruner/warmup_trials", PrunerConfig.NONE.warmupTrials(), 0));

    r.onlyKeys("/budget", r.at("/budget"), Set.of("wall", "epochs"));
    if (strategy.equals(GRID) && !r.at("/budget").isMissingNode()) {
      throw r.doc().error("/budget", "applies to search: {strategy: random} or {strategy: tpe}; a grid runs its whole list");
    }
    Duration wall = null;
    if (!r.at("/budget/wall").isMissingNode()) {
      try {
        wall = ShortDuration.parse(r.text("/budget/wall", null));
      } catch (IllegalArgumentException e) {
        throw r.doc().error("/budget/wall", e.getMessage());
      }
    }
    BudgetConfig budget = new BudgetConfig(wall, r.integer("/budget/epochs", 0, 1));
    return new SearchConfig(strategy, trials, startup, seed, pruner, budget);
  }
}
