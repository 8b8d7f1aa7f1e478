package movierec.runners.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import movierec.core.data.Hashing;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.model.ModelFamily;
import movierec.core.split.SplitProtocol;
import movierec.models.ModelRegistry;
import movierec.runners.trial.DatasetSpec;
import movierec.runners.trial.TrialSpec;

/**
 * A sweep file from {@code experiments/}: experiment name, dataset, split, filters, the metric to
 * optimize, search strategy, parallelism, epochs and early stopping, and one search space per family.
 * Every error names the file, the line and the key; unknown families and parameters list the valid ones.
 */
public record SweepConfig(Path file, String experiment, DatasetSpec dataset, SplitProtocol split, CandidateFilters filters,
    String metric, String strategy, int trials, int maxParallel, int maxEpochs, int patience, long seed,
    List<SearchSpace> spaces, String hash) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loads a sweep file; a relative dataset path is relative to the working directory, as on the command line. */
  public static SweepConfig load(Path file) {
    return load(file, Path.of("").toAbsolutePath());
  }

  /** Loads a sweep file, resolving a relative dataset path against {@code base}. */
  public static SweepConfig load(Path file, Path base) {
    YamlFile yaml = YamlFile.read(file);
    SweepFile f = yaml.bind(SweepFile.class);
    List<SearchSpace> spaces = new ArrayList<>();
    for (int i = 0; i < f.models().size(); i++) spaces.add(space(yaml, "/models/" + i, f.models().get(i), f.search().strategy()));
    return new SweepConfig(file, f.experiment(), dataset(yaml, f.dataset(), base), f.split().toProtocol(), f.filters().toFilters(),
        f.metric().name(), f.search().strategy(), f.search().trials(), f.maxParallel(), f.maxEpochs(),
        f.earlyStopping().patience(), f.seed(), spaces, new Hashing().add(yaml.text).hex());
  }

  /**
   * The trials of this sweep: the grid of each family, or {@code trials} random points per family.
   * Random points derive from the sweep seed, so a sweep expands the same way every time. Trials with
   * the same {@link TrialSpec#key} (a value repeated in a grid, a default written out) are one trial.
   */
  public List<TrialSpec> expand() {
    Map<String, TrialSpec> out = new LinkedHashMap<>();
    for (int s = 0; s < spaces.size(); s++) {
      SearchSpace space = spaces.get(s);
      List<Map<String, Object>> points;
      if (strategy.equals("grid")) {
        points = space.grid();
      } else {
        points = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + s);
        for (int t = 0; t < trials; t++) points.add(space.sample(rng));
      }
      for (Map<String, Object> p : points) {
        TrialSpec trial = new TrialSpec(experiment, dataset, split, filters, metric, space.family(), p, seed, maxEpochs, patience);
        out.putIfAbsent(trial.key(), trial);
      }
    }
    return List.copyOf(out.values());
  }

  private static DatasetSpec dataset(YamlFile yaml, SweepFile.Dataset d, Path base) {
    if (d.synthetic() != null) return DatasetSpec.synthetic(d.synthetic(), d.seed());
    Path dir = base.resolve(d.path());
    if (!Files.isDirectory(dir)) throw yaml.error("/dataset/path", "not a directory: " + dir.toAbsolutePath());
    return DatasetSpec.folder(dir);
  }

  /** Reads one family's params against the family's own parameters. */
  private static SearchSpace space(YamlFile yaml, String base, SweepFile.Model model, String strategy) {
    ModelFamily<?> family;
    try {
      family = ModelRegistry.get(model.family());
    } catch (InputException e) {
      throw yaml.error(base + "/family", e.getMessage());
    }
    Map<String, SearchSpace.Domain> params = new LinkedHashMap<>();
    Set<String> valid = family.defaultValues().keySet();
    model.params().forEach((name, value) -> {
      String pointer = base + "/params/" + name;
      if (!valid.contains(name)) {
        throw yaml.error(pointer, "unknown parameter for " + model.family() + "; valid: " + (valid.isEmpty() ? "(none)" : String.join(", ", valid)));
      }
      SearchSpace.Domain d = domain(yaml, pointer, value);
      if (strategy.equals("grid") && !(d instanceof SearchSpace.Fixed || d instanceof SearchSpace.Choice)) {
        throw yaml.error(pointer, "distributions need search: {strategy: random}");
      }
      params.put(name, d);
    });
    SearchSpace space = new SearchSpace(model.family(), params);
    checkValues(yaml, space, base, family);
    return space;
  }

  /**
   * Builds every grid point, or under random search every bound of every distribution (and every
   * choice), once, so range errors show at load time instead of as failed trials.
   */
  private static void checkValues(YamlFile yaml, SearchSpace space, String base, ModelFamily<?> family) {
    for (Map<String, Object> point : space.hasDistributions() ? space.extremes() : space.grid()) {
      try {
        family.params(point);
      } catch (movierec.core.model.InvalidParamException e) {
        throw yaml.error(base + "/params/" + e.param(), e.getMessage().substring(e.param().length() + 2));
      }
    }
  }

  private static SearchSpace.Domain domain(YamlFile yaml, String pointer, JsonNode n) {
    if (n.isArray()) {
      if (n.isEmpty()) throw yaml.error(pointer, "empty list");
      return new SearchSpace.Choice(JSON.convertValue(n, List.class));
    }
    if (!n.isObject()) return new SearchSpace.Fixed(JSON.convertValue(n, Object.class));
    if (n.size() != 1) throw yaml.error(pointer, "a distribution is one of {uniform: [a, b]}, {loguniform: [a, b]}, {int: [a, b]}, {choice: [x, y]}");
    String kind = n.fieldNames().next();
    JsonNode args = n.get(kind);
    String at = pointer + "/" + kind;
    if (kind.equals("choice")) return domain(yaml, at, args.isArray() ? args : JSON.createArrayNode());
    if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) throw yaml.error(at, "expected [low, high]");
    double low = args.get(0).asDouble();
    double high = args.get(1).asDouble();
    if (low > high) throw yaml.error(at, "low " + low + " is above high " + high);
    return switch (kind) {
      case "uniform" -> new SearchSpace.Uniform(low, high);
      case "loguniform" -> {
        if (low <= 0) throw yaml.error(at, "loguniform needs low > 0");
        yield new SearchSpace.LogUniform(low, high);
      }
      case "int" -> {
        if (!args.get(0).isIntegralNumber() || !args.get(1).isIntegralNumber()) throw yaml.error(at, "expected integer bounds");
        yield new SearchSpace.IntRange((int) low, (int) high);
      }
      default -> throw yaml.error(pointer, "unknown distribution '" + kind + "'; valid: uniform, loguniform, int, choice");
    };
  }
}
