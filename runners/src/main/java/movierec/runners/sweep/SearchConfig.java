package movierec.runners.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
    static final Set<String> STRATEGIES = Set.of("none", "median", "asha");

    /** The {@code pruner:} key as written; an absent key takes {@link #NONE}'s value. */
    @JsonCreator
    static PrunerConfig bind(@JsonProperty("strategy") String strategy, @JsonProperty("min_epochs") Integer minEpochs,
        @JsonProperty("reduction_factor") Integer reductionFactor, @JsonProperty("warmup_trials") Integer warmupTrials) {
      String name = strategy == null ? NONE.strategy() : strategy.toLowerCase(Locale.ROOT);
      if (!STRATEGIES.contains(name)) throw new ConfigProblem("strategy", "expected none, median or asha, found '" + name + "'");
      return new PrunerConfig(name, ConfigProblem.atLeast("min_epochs", minEpochs, NONE.minEpochs(), 1),
          ConfigProblem.atLeast("reduction_factor", reductionFactor, NONE.reductionFactor(), 2),
          ConfigProblem.atLeast("warmup_trials", warmupTrials, NONE.warmupTrials(), 0));
    }

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
   * @param wall wall-clock time spent on the sweep, earlier processes of a resumed one included
   * @param epochs epochs run by finished trials, resumed ones included (a closed-form fit counts as none)
   */
  public record BudgetConfig(Duration wall, int epochs) {
    public static final BudgetConfig NONE = new BudgetConfig(null, 0);

    /** The {@code budget:} key as written: {@code wall: 2h}, {@code epochs: 400}; each absent one is no limit. */
    @JsonCreator
    static BudgetConfig bind(@JsonProperty("wall") String wall, @JsonProperty("epochs") Integer epochs) {
      Duration duration = null;
      if (wall != null) {
        try {
          duration = ShortDuration.parse(wall);
        } catch (IllegalArgumentException e) {
          throw new ConfigProblem("wall", e.getMessage());
        }
      }
      return new BudgetConfig(duration, epochs == null ? 0 : ConfigProblem.atLeast("epochs", epochs, 0, 1));
    }

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

  /** The three keys as bound; the sampler's seed defaults to the sweep's. */
  static SearchConfig of(SweepFile.Search search, PrunerConfig pruner, BudgetConfig budget, long sweepSeed) {
    return new SearchConfig(search.strategy(), search.trials(), search.startupTrials(), search.seed() != null ? search.seed() : sweepSeed,
        pruner, budget);
  }
}
