package movierec.runners.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.split.SplitProtocol;
import movierec.core.synth.SyntheticConfig;
import movierec.core.train.RunDefaults;
import movierec.runners.search.TpeSampler;

/**
 * A sweep file as written, bound by {@link YamlFile}: one record per section, each key a component
 * (snake_case in the file), each default and range check beside its key. An absent section binds to
 * its defaults. What needs more than the file to check (the data folder, the model registry) is
 * checked by {@link SweepConfig#load}.
 */
public record SweepFile(String experiment, Dataset dataset, Split split, Filters filters, MetricChoice metric, Search search,
    SearchConfig.PrunerConfig pruner, SearchConfig.BudgetConfig budget, Integer maxParallel, Integer maxEpochs, EarlyStopping earlyStopping, Long seed, List<Model> models) {

  public SweepFile {
    ConfigProblem.required("experiment", experiment, "");
    ConfigProblem.required("dataset", dataset, "{synthetic: small} or {path: DIR}");
    if (split == null) split = new Split(null, null, null, null);
    if (filters == null) filters = new Filters(null, null, null);
    if (metric == null) metric = new MetricChoice(null, null);
    if (search == null) search = new Search(null, null, null, null);
    if (pruner == null) pruner = SearchConfig.PrunerConfig.NONE;
    if (budget == null) budget = SearchConfig.BudgetConfig.NONE;
    maxParallel = ConfigProblem.atLeast("max_parallel", maxParallel, 1, 1);
    maxEpochs = ConfigProblem.atLeast("max_epochs", maxEpochs, 50, 1);
    if (earlyStopping == null) earlyStopping = new EarlyStopping(null);
    seed = ConfigProblem.atLeast("seed", seed, RunDefaults.SEED, 0L);
    if (models == null || models.isEmpty()) throw new ConfigProblem("models", "expected a list of {family, params} entries");
  }

  /** {@code {synthetic: PRESET, seed: S}} or {@code {path: DIR}}; a relative path is resolved by the loader. */
  public record Dataset(String path, String synthetic, Long seed) {
    public Dataset {
      if ((path == null) == (synthetic == null)) throw new ConfigProblem("", "give exactly one of {synthetic: small} or {path: DIR}");
      if (path != null && seed != null) throw new ConfigProblem("seed", "applies to synthetic data only");
      if (synthetic != null) {
        try {
          SyntheticConfig.preset(synthetic);
        } catch (IllegalArgumentException e) {
          throw new ConfigProblem("synthetic", e.getMessage());
        }
        seed = ConfigProblem.atLeast("seed", seed, RunDefaults.DATA_SEED, 0L);
      }
    }
  }

  /** The validation split: {@code holdout} (last N plus M random per user) or {@code leave-last-out}. */
  public record Split(String protocol, Integer last, Integer random, Long seed) {
    public Split {
      if (protocol == null) protocol = SplitProtocol.HOLDOUT;
      last = ConfigProblem.atLeast("last", last, RunDefaults.HOLDOUT_LAST, 0);
      random = ConfigProblem.atLeast("random", random, RunDefaults.HOLDOUT_RANDOM, 0);
      seed = ConfigProblem.atLeast("seed", seed, RunDefaults.SPLIT_SEED, 0L);
      protocol(protocol, last, random, seed);
    }

    public SplitProtocol toProtocol() {
      return protocol(protocol, last, random, seed);
    }

    private static SplitProtocol protocol(String protocol, int last, int random, long seed) {
      try {
        return SplitProtocol.named(protocol, last, random, seed);
      } catch (IllegalArgumentException e) {
        throw new ConfigProblem("", e.getMessage());
      }
    }
  }

  /** Candidate filters beyond the seen items: future items (with a year margin) and rare items. */
  public record Filters(Boolean excludeFuture, Integer futureMargin, Integer minItemInteractions) {
    public Filters {
      if (excludeFuture == null) excludeFuture = false;
      if (futureMargin == null) futureMargin = 0;
      minItemInteractions = ConfigProblem.atLeast("min_item_interactions", minItemInteractions, 0, 0);
    }

    public CandidateFilters toFilters() {
      return new CandidateFilters(excludeFuture ? futureMargin : null, minItemInteractions);
    }
  }

  /**
   * The metric that picks each trial's best epoch, the sweep's best trial, the leaderboard's order and
   * ensemble weights: a name, or {@code {name, direction}}. The direction follows the metric; every
   * metric here is better when higher, so {@code minimize} is refused rather than ignored.
   */
  public record MetricChoice(String name, String direction) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public MetricChoice {
      if (name == null) name = RunDefaults.METRIC;
      Metric.Keyed keyed;
      try {
        keyed = Metric.parse(name);
      } catch (IllegalArgumentException e) {
        throw new ConfigProblem("name", e.getMessage());
      }
      String implied = keyed.metric().higherIsBetter() ? "maximize" : "minimize";
      if (direction == null) direction = implied;
      if (!direction.equals("maximize") && !direction.equals("minimize")) {
        throw new ConfigProblem("direction", "expected maximize or minimize, found '" + direction + "'");
      }
      if (!direction.equals(implied)) {
        throw new ConfigProblem("direction", direction + " is not available: the direction follows the metric, and " + keyed.key()
            + " is better when " + (implied.equals("maximize") ? "higher" : "lower") + "; leave direction out");
      }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MetricChoice named(String name) {
      return new MetricChoice(name, null);
    }
  }

  /**
   * How trials are chosen: {@code grid} (every list expanded up front), or {@code random} and {@code tpe}
   * asked one trial at a time, {@code trials} of them; the sampler's seed defaults to the sweep's.
   */
  public record Search(String strategy, Integer trials, Integer startupTrials, Long seed) {
    public Search {
      strategy = strategy == null ? SearchConfig.GRID : strategy.toLowerCase(Locale.ROOT);
      if (!SearchConfig.STRATEGIES.contains(strategy)) throw new ConfigProblem("strategy", "expected grid, random or tpe, found '" + strategy + "'");
      if (!strategy.equals("tpe") && startupTrials != null) throw new ConfigProblem("startup_trials", "applies to search: {strategy: tpe} only");
      trials = ConfigProblem.atLeast("trials", trials, 10, 1);
      startupTrials = ConfigProblem.atLeast("startup_trials", startupTrials, TpeSampler.Settings.DEFAULTS.startupTrials(), 0);
      if (seed != null) ConfigProblem.atLeast("seed", seed, 0L, 0L);
    }
  }

  /** Patience in epochs without gain on the metric; 0 turns early stopping off. Defaults: {@link RunDefaults}. */
  public record EarlyStopping(Integer patience) {
    public EarlyStopping {
      patience = ConfigProblem.atLeast("patience", patience, RunDefaults.PATIENCE, 0);
    }
  }

  /**
   * One family's search space. Params stay as written (a value, a list, a distribution) until the
   * loader reads them against the family's own parameters.
   */
  public record Model(String family, Map<String, JsonNode> params) {
    public Model {
      ConfigProblem.required("family", family, "a model family, e.g. ease");
      if (params == null) params = Map.of();
    }
  }
}
