package movierec.runners.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import movierec.core.data.Hashing;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.model.InvalidParamException;
import movierec.core.model.ModelFamily;
import movierec.core.split.SplitProtocol;
import movierec.models.ModelRegistry;
import movierec.runners.search.Distribution;
import movierec.runners.search.SearchSpace;
import movierec.runners.trial.DatasetSpec;
import movierec.runners.trial.TrialSpec;

/**
 * A sweep file from {@code experiments/}, bound by {@link SweepFile} and checked against the data folder
 * and the model registry: experiment name, dataset, split, filters, the metric to optimize, search,
 * pruner and budget, parallelism, epochs and early stopping, and one search space per family.
 * Every error names the file, the line and the key; unknown families and parameters list the valid ones.
 */
public record SweepConfig(Path file, String experiment, DatasetSpec dataset, SplitProtocol split, CandidateFilters filters,
    String metric, SearchConfig search, int maxParallel, int maxEpochs, int patience, long seed,
    List<ModelSpace> models, String hash) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loads a sweep file; a relative dataset path is relative to the working directory, as on the command line. */
  public static SweepConfig load(Path file) {
    return load(file, Path.of("").toAbsolutePath());
  }

  /** Loads a sweep file, resolving a relative dataset path against {@code base}. */
  public static SweepConfig load(Path file, Path base) {
    YamlFile yaml = YamlFile.read(file);
    SweepFile f = yaml.bind(SweepFile.class);
    SearchConfig search = SearchConfig.of(f.search(), f.pruner(), f.budget(), f.seed());
    if (search.grid() && !f.budget().equals(SearchConfig.BudgetConfig.NONE)) {
      throw yaml.error("/budget", "applies to search: {strategy: random} or {strategy: tpe}; a grid runs its whole list");
    }
    List<ModelSpace> models = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < f.models().size(); i++) {
      String at = "/models/" + i;
      SweepFile.Model entry = f.models().get(i);
      if (!seen.add(entry.family()) && !search.grid()) {
        throw yaml.error(at + "/family", entry.family() + " is listed twice; a " + search.strategy() + " search has one entry per family");
      }
      models.add(space(yaml, at, entry, search.grid()));
    }
    return new SweepConfig(file, f.experiment(), dataset(yaml, f.dataset(), base), f.split().toProtocol(), f.filters().toFilters(),
        f.metric().name(), search, f.maxParallel(), f.maxEpochs(), f.earlyStopping().patience(), f.seed(), models,
        new Hashing().add(yaml.text).hex());
  }

  /** The same sweep under another search (the search bench's baseline). */
  public SweepConfig withSearch(SearchConfig other) {
    return new SweepConfig(file, experiment, dataset, split, filters, metric, other, maxParallel, maxEpochs, patience, seed, models, hash);
  }

  public String strategy() {
    return search.strategy();
  }

  /**
   * The trials of a grid sweep: the cartesian product of each family's lists. Trials with the same
   * {@link TrialSpec#key} (a value repeated in a grid, a default written out) are one trial.
   */
  public List<TrialSpec> expand() {
    if (!search.grid()) throw new IllegalStateException("a " + search.strategy() + " search asks for its trials one at a time");
    Map<String, TrialSpec> out = new LinkedHashMap<>();
    for (ModelSpace model : models) {
      for (Map<String, Object> p : model.grid()) {
        TrialSpec trial = spec(model.family(), p);
        out.putIfAbsent(trial.key(), trial);
      }
    }
    return List.copyOf(out.values());
  }

  /** The conditional space random and tpe search: the family is a choice, each with its searched parameters. */
  public SearchSpace space() {
    SearchSpace.Builder b = SearchSpace.builder();
    models.forEach(m -> b.family(m.family(), m.searched()));
    return b.build();
  }

  /** The trial of a sampled point: the family's fixed values with the sampled ones. */
  public TrialSpec trial(String family, Map<String, Object> sampled) {
    ModelSpace model = models.stream().filter(m -> m.family().equals(family)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no family " + family + " in " + file));
    return spec(family, model.point(sampled));
  }

  private TrialSpec spec(String family, Map<String, Object> params) {
    return new TrialSpec(experiment, dataset, split, filters, metric, family, params, seed, maxEpochs, patience);
  }

  /** For --dry-run: each family's space (fixed values and distributions), the sampler, the pruner and the budget. */
  public String describeSearch() {
    StringBuilder sb = new StringBuilder();
    sb.append("  space (the family is a choice among ").append(models.size()).append("):\n");
    for (ModelSpace m : models) sb.append(String.format("    %-10s %s%s%n", m.family(), m.searched(), m.fixed().isEmpty() ? "" : ", fixed " + m.fixed()));
    SearchConfig.BudgetConfig b = search.budget();
    sb.append("  sampler: ").append(search.sampler().describe()).append('\n');
    sb.append("  pruner:  ").append(search.pruner().build().describe()).append('\n');
    sb.append("  budget:  ").append(search.trials()).append(" trials").append(b.wall() == null ? "" : ", wall " + b.wall())
        .append(b.epochs() == 0 ? "" : ", " + b.epochs() + " epochs").append('\n');
    return sb.toString();
  }

  /** Trials this sweep plans: the grid's size, or the search's trial count. */
  public int plannedTrials() {
    return search.grid() ? expand().size() : search.trials();
  }

  private static DatasetSpec dataset(YamlFile yaml, SweepFile.Dataset d, Path base) {
    if (d.synthetic() != null) return DatasetSpec.synthetic(d.synthetic(), d.seed());
    Path dir = base.resolve(d.path());
    if (!Files.isDirectory(dir)) throw yaml.error("/dataset/path", "not a directory: " + dir.toAbsolutePath());
    return DatasetSpec.folder(dir);
  }

  /** Reads one family's params against the family's own parameters: a value is fixed, a list or a distribution searched. */
  private static ModelSpace space(YamlFile yaml, String base, SweepFile.Model model, boolean grid) {
    ModelFamily<?> family;
    try {
      family = ModelRegistry.get(model.family());
    } catch (InputException e) {
      throw yaml.error(base + "/family", e.getMessage());
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    Map<String, Distribution> searched = new LinkedHashMap<>();
    Set<String> valid = family.defaultValues().keySet();
    model.params().forEach((name, value) -> {
      String pointer = base + "/params/" + name;
      if (!valid.contains(name)) {
        throw yaml.error(pointer, "unknown parameter for " + model.family() + "; valid: " + (valid.isEmpty() ? "(none)" : String.join(", ", valid)));
      }
      if (!value.isArray() && !value.isObject()) {
        fixed.put(name, JSON.convertValue(value, Object.class));
        return;
      }
      Distribution d = distribution(yaml, pointer, value);
      if (grid && !(d instanceof Distribution.Choice)) throw yaml.error(pointer, "distributions need search: {strategy: random} or {strategy: tpe}");
      searched.put(name, d);
    });
    ModelSpace space = new ModelSpace(model.family(), fixed, searched);
    checkValues(yaml, space, base, family);
    return space;
  }

  /**
   * Builds every grid point, or under random and tpe search every bound of every distribution (and every
   * choice), once, so range errors show at load time instead of as failed trials.
   */
  private static void checkValues(YamlFile yaml, ModelSpace space, String base, ModelFamily<?> family) {
    for (Map<String, Object> point : space.hasRanges() ? space.extremes() : space.grid()) {
      try {
        family.params(point);
      } catch (InvalidParamException e) {
        throw yaml.error(base + "/params/" + e.param(), e.getMessage().substring(e.param().length() + 2));
      }
    }
  }

  private static Distribution distribution(YamlFile yaml, String pointer, JsonNode n) {
    if (n.isArray()) {
      if (n.isEmpty()) throw yaml.error(pointer, "empty list");
      return new Distribution.Choice(JSON.convertValue(n, List.class));
    }
    String shapes = "a distribution is one of {uniform: [a, b]}, {loguniform: [a, b]}, {int: [a, b]} (with log: true for a log scale), {choice: [x, y]}";
    boolean log = n.size() == 2 && n.has("int") && n.path("log").isBoolean() && n.get("log").asBoolean();
    if (n.size() != 1 && !(n.size() == 2 && n.has("int") && n.has("log"))) throw yaml.error(pointer, shapes);
    if (n.has("log") && !n.get("log").isBoolean()) throw yaml.error(pointer + "/log", "expected true or false");
    String kind = n.has("int") ? "int" : n.fieldNames().next();
    JsonNode args = n.get(kind);
    String at = pointer + "/" + kind;
    if (kind.equals("choice")) return distribution(yaml, at, args.isArray() ? args : JSON.createArrayNode());
    if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) throw yaml.error(at, "expected [low, high]");
    double low = args.get(0).asDouble();
    double high = args.get(1).asDouble();
    if (low > high) throw yaml.error(at, "low " + low + " is above high " + high);
    try {
      return switch (kind) {
        case "uniform" -> new Distribution.Uniform(low, high, false);
        case "loguniform" -> {
          if (low <= 0) throw yaml.error(at, "loguniform needs low > 0");
          yield new Distribution.Uniform(low, high, true);
        }
        case "int" -> {
          if (!args.get(0).isIntegralNumber() || !args.get(1).isIntegralNumber()) throw yaml.error(at, "expected integer bounds");
          yield new Distribution.IntRange(args.get(0).asLong(), args.get(1).asLong(), log);
        }
        default -> throw yaml.error(pointer, "unknown distribution '" + kind + "'; valid: uniform, loguniform, int, choice");
      };
    } catch (IllegalArgumentException e) {
      throw yaml.error(at, e.getMessage());
    }
  }
}
