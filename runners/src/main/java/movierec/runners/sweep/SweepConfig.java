package movierec.runners.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import movierec.core.data.Hashing;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.model.ModelFamily;
import movierec.core.split.SplitProtocol;
import movierec.models.ModelRegistry;
import movierec.runners.search.Distribution;
import movierec.runners.search.SearchSpace;
import movierec.runners.trial.DatasetSpec;
import movierec.runners.trial.TrialSpec;

/**
 * A sweep file from {@code experiments/}: experiment name, dataset, split, filters, the metric to
 * optimize, search strategy, parallelism, epochs and early stopping, and one search space per family.
 * Every error names the file, the line and the key; unknown families and parameters list the valid ones.
 */
public record SweepConfig(Path file, String experiment, DatasetSpec dataset, SplitProtocol split, CandidateFilters filters,
    String metric, boolean maximize, SearchConfig search, int maxParallel, int maxEpochs, int patience, long seed,
    List<ModelSpace> models, String hash) {

  private static final Set<String> TOP_KEYS = Set.of("experiment", "dataset", "split", "filters", "metric", "search",
      "pruner", "budget", "max_parallel", "max_epochs", "early_stopping", "seed", "models");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loads a sweep file; a relative dataset path is relative to the working directory, as on the command line. */
  public static SweepConfig load(Path file) {
    return load(file, Path.of("").toAbsolutePath());
  }

  /** Loads a sweep file, resolving a relative dataset path against {@code base}. */
  public static SweepConfig load(Path file, Path base) {
    YamlDocument doc = YamlDocument.read(file);
    Reader r = new Reader(doc, base);
    JsonNode root = doc.root;
    r.onlyKeys("", root, TOP_KEYS);
    String experiment = r.text("/experiment", null);
    DatasetSpec dataset = r.dataset();
    SplitProtocol split = r.split();
    CandidateFilters filters = r.filters();
    JsonNode metricNode = root.path("metric");
    String metric;
    boolean maximize = true;
    if (metricNode.isObject()) {
      r.onlyKeys("/metric", metricNode, Set.of("name", "direction"));
      metric = r.text("/metric/name", "recall_at_10");
      String direction = r.text("/metric/direction", "maximize");
      if (!direction.equals("maximize") && !direction.equals("minimize")) throw doc.error("/metric/direction", "expected maximize or minimize, found '" + direction + "'");
      maximize = direction.equals("maximize");
    } else {
      metric = r.text("/metric", "recall_at_10");
    }
    try {
      Metric.Keyed keyed = Metric.parse(metric);
      if (keyed.metric().higherIsBetter() != maximize) throw doc.error("/metric/direction", keyed.key() + " is better when " + (maximize ? "lower" : "higher"));
    } catch (IllegalArgumentException e) {
      throw doc.error("/metric", e.getMessage());
    }
    int maxParallel = r.integer("/max_parallel", 1, 1);
    int maxEpochs = r.integer("/max_epochs", 50, 1);
    r.onlyKeys("/early_stopping", root.path("early_stopping"), Set.of("patience"));
    int patience = r.integer("/early_stopping/patience", 0, 0);
    long seed = r.integer("/seed", 0, 0);
    SearchConfig search = SearchConfig.read(r, seed);
    List<ModelSpace> models = r.spaces(search.strategy());
    String hash;
    try {
      hash = new Hashing().add(Files.readString(file)).hex();
    } catch (java.io.IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
    return new SweepConfig(file, experiment, dataset, split, filters, metric, maximize, search, maxParallel, maxEpochs,
        patience, seed, models, hash);
  }

  /** The same sweep under another search (the search bench's baseline). */
  public SweepConfig withSearch(SearchConfig other) {
    return new SweepConfig(file, experiment, dataset, split, filters, metric, maximize, other, maxParallel, maxEpochs, patience, seed, models, hash);
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

  /** Reads typed values at JSON pointers, turning every problem into a file:line: key error. */
  record Reader(YamlDocument doc, Path base) {
    JsonNode at(String pointer) {
      return doc.root.at(pointer);
    }

    void onlyKeys(String pointer, JsonNode node, Set<String> valid) {
      if (node.isMissingNode()) return;
      if (!node.isObject()) throw doc.error(pointer, "expected a mapping with keys " + new java.util.TreeSet<>(valid));
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!valid.contains(key)) throw doc.error(pointer + "/" + key, "unknown key; valid: " + String.join(", ", new java.util.TreeSet<>(valid)));
      }
    }

    String text(String pointer, String fallback) {
      JsonNode n = at(pointer);
      if (n.isMissingNode() || n.isNull()) {
        if (fallback == null) throw doc.error(pointer, "required");
        return fallback;
      }
      if (!n.isValueNode()) throw doc.error(pointer, "expected a single value");
      return n.asText();
    }

    int integer(String pointer, int fallback, int min) {
      JsonNode n = at(pointer);
      if (n.isMissingNode() || n.isNull()) return fallback;
      if (!n.isIntegralNumber()) throw doc.error(pointer, "expected an integer, found '" + n.asText() + "'");
      if (!n.canConvertToInt()) throw doc.error(pointer, "too large, found " + n.asText());
      if (n.asInt() < min) throw doc.error(pointer, "must be >= " + min + ", found " + n.asInt());
      return n.asInt();
    }

    boolean bool(String pointer, boolean fallback) {
      JsonNode n = at(pointer);
      if (n.isMissingNode() || n.isNull()) return fallback;
      if (!n.isBoolean()) throw doc.error(pointer, "expected true or false, found '" + n.asText() + "'");
      return n.asBoolean();
    }

    DatasetSpec dataset() {
      JsonNode n = at("/dataset");
      if (n.isMissingNode()) throw doc.error("/dataset", "required: {synthetic: small} or {path: DIR}");
      onlyKeys("/dataset", n, Set.of("path", "synthetic", "seed"));
      try {
        if (n.has("path")) {
          if (n.has("seed")) throw doc.error("/dataset/seed", "applies to synthetic data only");
          Path dir = base.resolve(text("/dataset/path", null));
          if (!Files.isDirectory(dir)) throw doc.error("/dataset/path", "not a directory: " + dir.toAbsolutePath());
          return DatasetSpec.folder(dir);
        }
        return DatasetSpec.synthetic(text("/dataset/synthetic", null), integer("/dataset/seed", 42, 0));
      } catch (IllegalArgumentException e) {
        throw doc.error("/dataset", e.getMessage());
      }
    }

    SplitProtocol split() {
      onlyKeys("/split", at("/split"), Set.of("protocol", "last", "random", "seed"));
      try {
        return SplitProtocol.named(text("/split/protocol", SplitProtocol.HOLDOUT), integer("/split/last", 1, 0),
            integer("/split/random", 9, 0), integer("/split/seed", 1, 0));
      } catch (IllegalArgumentException e) {
        throw doc.error("/split", e.getMessage());
      }
    }

    CandidateFilters filters() {
      onlyKeys("/filters", at("/filters"), Set.of("exclude_future", "future_margin", "min_item_interactions"));
      boolean future = bool("/filters/exclude_future", false);
      int margin = integer("/filters/future_margin", 0, Integer.MIN_VALUE);
      return new CandidateFilters(future ? margin : null, integer("/filters/min_item_interactions", 0, 0));
    }

    List<ModelSpace> spaces(String strategy) {
      JsonNode models = at("/models");
      if (!models.isArray() || models.isEmpty()) throw doc.error("/models", "expected a list of {family, params} entries");
      List<ModelSpace> spaces = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < models.size(); i++) {
        String base = "/models/" + i;
        onlyKeys(base, models.get(i), Set.of("family", "params"));
        String name = text(base + "/family", null);
        ModelFamily<?> family;
        try {
          family = ModelRegistry.get(name);
        } catch (InputException e) {
          throw doc.error(base + "/family", e.getMessage());
        }
        if (!seen.add(name) && !strategy.equals(SearchConfig.GRID)) {
          throw doc.error(base + "/family", name + " is listed twice; a " + strategy + " search has one entry per family");
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        Map<String, Distribution> searched = new LinkedHashMap<>();
        JsonNode p = at(base + "/params");
        if (!p.isMissingNode() && !p.isObject()) throw doc.error(base + "/params", "expected a mapping of parameter: value");
        Set<String> valid = family.defaultValues().keySet();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String pointer = base + "/params/" + e.getKey();
          if (!valid.contains(e.getKey())) {
            throw doc.error(pointer, "unknown parameter for " + name + "; valid: " + (valid.isEmpty() ? "(none)" : String.join(", ", valid)));
          }
          if (!e.getValue().isArray() && !e.getValue().isObject()) {
            fixed.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            continue;
          }
          Distribution d = distribution(pointer, e.getValue());
          if (strategy.equals(SearchConfig.GRID) && !(d instanceof Distribution.Choice)) {
            throw doc.error(pointer, "distributions need search: {strategy: random} or {strategy: tpe}");
          }
          searched.put(e.getKey(), d);
        }
        ModelSpace space = new ModelSpace(name, fixed, searched);
        checkValues(space, base, family);
        spaces.add(space);
      }
      return spaces;
    }

    /**
     * Builds every grid point, or under random and tpe search every bound of every distribution (and every
     * choice), once, so range errors show at load time instead of as failed trials.
     */
    private void checkValues(ModelSpace space, String base, ModelFamily<?> family) {
      for (Map<String, Object> point : space.hasRanges() ? space.extremes() : space.grid()) {
        try {
          family.params(point);
        } catch (movierec.core.model.InvalidParamException e) {
          throw doc.error(base + "/params/" + e.param(), e.getMessage().substring(e.param().length() + 2));
        }
      }
    }

    private Distribution distribution(String pointer, JsonNode n) {
      if (n.isArray()) {
        if (n.isEmpty()) throw doc.error(pointer, "empty list");
        return new Distribution.Choice(JSON.convertValue(n, List.class));
      }
      String shapes = "a distribution is one of {uniform: [a, b]}, {loguniform: [a, b]}, {int: [a, b]} (with log: true for a log scale), {choice: [x, y]}";
      boolean log = n.size() == 2 && n.has("int") && n.path("log").isBoolean() && n.get("log").asBoolean();
      if (n.size() != 1 && !(n.size() == 2 && n.has("int") && n.has("log"))) throw doc.error(pointer, shapes);
      if (n.has("log") && !n.get("log").isBoolean()) throw doc.error(pointer + "/log", "expected true or false");
      String kind = n.has("int") ? "int" : n.fieldNames().next();
      JsonNode args = n.get(kind);
      String at = pointer + "/" + kind;
      if (kind.equals("choice")) return distribution(at, args.isArray() ? args : JSON.createArrayNode());
      if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) throw doc.error(at, "expected [low, high]");
      double low = args.get(0).asDouble();
      double high = args.get(1).asDouble();
      if (low > high) throw doc.error(at, "low " + low + " is above high " + high);
      try {
        return switch (kind) {
          case "uniform" -> new Distribution.Uniform(low, high, false);
          case "loguniform" -> {
            if (low <= 0) throw doc.error(at, "loguniform needs low > 0");
            yield new Distribution.Uniform(low, high, true);
          }
          case "int" -> {
            if (!args.get(0).isIntegralNumber() || !args.get(1).isIntegralNumber()) throw doc.error(at, "expected integer bounds");
            yield new Distribution.IntRange(args.get(0).asLong(), args.get(1).asLong(), log);
          }
          default -> throw doc.error(pointer, "unknown distribution '" + kind + "'; valid: uniform, loguniform, int, choice");
        };
      } catch (IllegalArgumentException e) {
        throw doc.error(at, e.getMessage());
      }
    }
  }
}
