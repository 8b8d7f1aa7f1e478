package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movierec.core.data.InputException;
import movierec.runners.trial.TrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String error(String yaml) throws IOException {
    Path f = write(yaml);
    return assertThrows(InputException.class, () -> SweepConfig.load(f)).getMessage();
  }

  @Test
  void aFamilyListedTwiceInAGridKeepsEachEntrysFixedValues() throws IOException {
    SweepConfig c = SweepConfig.load(write("""
        experiment: e
        dataset: {synthetic: tiny}
        models:
          - family: ials
            params: {factors: 8, alpha: [1, 2]}
          - family: ials
            params: {alpha: 5}
        """));
    List<TrialSpec> trials = c.expand();
    assertEquals(List.of(Map.of("factors", 8, "alpha", 1), Map.of("factors", 8, "alpha", 2), Map.of("alpha", 5)),
        trials.stream().map(TrialSpec::params).toList());
  }

  @Test
  void gridIsTheCartesianProductPerFamily() throws IOException {
    SweepConfig c = SweepConfig.load(write("""
        experiment: e
        dataset: {synthetic: tiny}
        models:
          - family: ease
            params: {lambda: [100, 200, 300]}
          - family: mostpop
        """));
    List<TrialSpec> trials = c.expand();
    assertEquals(4, trials.size());
    assertEquals(List.of(100, 200, 300), trials.subList(0, 3).stream().map(t -> t.params().get("lambda")).toList());
    assertEquals("mostpop", trials.get(3).family());
    assertEquals(Map.of(), trials.get(3).params());
  }

  @Test
  void randomSearchSamplesWithinRangesAndRepeatsForTheSameSeed() throws IOException {
    String yaml = """
        experiment: e
        dataset: {synthetic: tiny}
        search: {strategy: random, trials: 6}
        seed: 9
        models:
          - family: ease
            params: {lambda: {loguniform: [10, 1000]}}
        """;
    List<TrialSpec> first = asked(SweepConfig.load(write(yaml)));
    List<TrialSpec> second = asked(SweepConfig.load(write(yaml)));
    assertEquals(6, first.size());
    assertEquals(first, second);
    for (TrialSpec t : first) {
      double lambda = ((Number) t.params().get("lambda")).doubleValue();
      assertTrue(lambda >= 10 && lambda <= 1000, "lambda " + lambda);
    }
    assertTrue(first.stream().map(t -> t.params().get("lambda")).distinct().count() > 1);
  }

  /** Every trial a random search asks for (random proposals do not depend on outcomes). */
  private static List<TrialSpec> asked(SweepConfig c) {
    SweepSearch s = new SweepSearch(c);
    List<TrialSpec> out = new java.util.ArrayList<>();
    for (SweepSearch.Proposal p; (p = s.next()) != null; ) out.add(p.spec());
    return out;
  }

  @Test
  void searchPrunerAndBudgetKeysNameTheirProblems() throws IOException {
    String head = "experiment: e\ndataset: {synthetic: tiny}\nmodels: [{family: mostpop}]\n";
    assertTrue(error(head + "search: {strategy: bayes}\n").contains("sweep.yaml:4: search.strategy: expected grid, random or tpe"));
    assertTrue(error(head + "search: {strategy: random, startup_trials: 3}\n").contains("search.startup_trials: applies to search: {strategy: tpe} only"));
    assertTrue(error(head + "pruner: {strategy: hyperband}\n").contains("sweep.yaml:4: pruner.strategy: expected none, median or asha"));
    assertTrue(error(head + "pruner: {strategy: asha, reduction_factor: 1}\n").contains("pruner.reduction_factor: must be >= 2"));
    assertTrue(error(head + "budget: {epochs: 10}\n").contains("sweep.yaml:4: budget: applies to search: {strategy: random} or {strategy: tpe}"));
    String random = head + "search: {strategy: random}\n";
    assertTrue(error(random + "budget: {wall: soon}\n").contains("sweep.yaml:5: budget.wall: 'soon' is not a duration"));
    assertTrue(error(random + "budget: {epochs: 0}\n").contains("budget.epochs: must be >= 1"));
    assertTrue(error("experiment: e\ndataset: {synthetic: tiny}\nsearch: {strategy: tpe}\nmodels: [{family: ease}, {family: ease}]\n")
        .contains("models[1].family: ease is listed twice"));
    SweepConfig c = SweepConfig.load(write(head + "search: {strategy: tpe, trials: 30, startup_trials: 7}\n"
        + "pruner: {strategy: asha, min_epochs: 2}\nbudget: {wall: 2h, epochs: 400}\n"));
    assertEquals(new SearchConfig("tpe", 30, 7, 0, new SearchConfig.PrunerConfig("asha", 2, 3, 5),
        new SearchConfig.BudgetConfig(java.time.Duration.ofHours(2), 400)), c.search());
    assertEquals("tpe", c.search().params().get("search.sampler"));
    assertEquals("asha", c.search().params().get("pruner.strategy"));
    assertEquals("PT2H", c.search().params().get("budget.wall"));
  }

  @Test
  void trialSpecSurvivesTheJsonRoundTripAJobCarries() throws IOException {
    SweepConfig c = SweepConfig.load(write("""
        experiment: e
        dataset: {synthetic: tiny, seed: 5}
        split: {protocol: holdout, last: 2, random: 3, seed: 4}
        filters: {exclude_future: true, future_margin: 1, min_item_interactions: 3}
        models:
          - family: ease
            params: {lambda: 250.5}
        """));
    TrialSpec spec = c.expand().get(0);
    assertEquals(spec, TrialSpec.fromJson(spec.toJson()));
    assertEquals(1, spec.filters().futureYearMargin());
    assertEquals(3, spec.filters().minItemInteractions());
  }

  @Test
  void unknownFamilyNamesLineKeyAndValidFamilies() throws IOException {
    String msg = error("""
        experiment: e
        dataset: {synthetic: tiny}
        models:
          - family: nope
        """);
    assertTrue(msg.matches(".*sweep.yaml:4: models\\[0\\]\\.family: unknown model family 'nope'; valid: .*mostpop.*"), msg);
  }

  @Test
  void unknownParameterListsTheValidOnes() throws IOException {
    String msg = error("""
        experiment: e
        dataset: {synthetic: tiny}
        models:
          - family: ease
            params:
              lamda: 3
        """);
    assertTrue(msg.contains("sweep.yaml:6: models[0].params.lamda: unknown parameter for ease; valid: lambda"), msg);
  }

  @Test
  void outOfRangeValueIsCaughtAtLoadTime() throws IOException {
    String msg = error("""
        experiment: e
        dataset: {synthetic: tiny}
        models:
          - family: ease
            params: {lambda: [100, -1]}
        """);
    assertTrue(msg.contains("sweep.yaml:5: models[0].params.lambda: "), msg);
  }

  @Test
  void otherMistakesNameTheirKey() throws IOException {
    assertTrue(error("experiment: e\nmodels: [{family: mostpop}]\n").contains("dataset: required"));
    assertTrue(error("experiment: e\ndataset: {synthetic: tiny}\nmax_parallel: two\nmodels: [{family: mostpop}]\n")
        .contains("sweep.yaml:3: max_parallel: expected an integer"));
    assertTrue(error("experiment: e\ndataset: {synthetic: tiny}\nmetric: {name: recall_at_10, direction: up}\nmodels: [{family: mostpop}]\n")
        .contains("sweep.yaml:3: metric.direction: expected maximize or minimize"));
    assertTrue(error("experiment: e\ndataset: {synthetic: tiny}\nmodel: []\n").contains("sweep.yaml:3: model: unknown key"));
    assertTrue(error("experiment: e\ndataset: {synthetic: huge}\nmodels: [{family: mostpop}]\n").contains("unknown synthetic preset 'huge'"));
    assertTrue(error("experiment: e\ndataset: {synthetic: tiny}\nmodels:\n  - family: ease\n    params: {lambda: {uniform: [1, 2]}}\n")
        .contains("sweep.yaml:5: models[0].params.lambda: distributions need search: {strategy: random} or {strategy: tpe}"));
    assertTrue(error("experiment: [e\n").contains("sweep.yaml:"));
  }

  @Test
  void everyShippedSweepFileLoads() throws IOException {
    // Files that name a data folder get an empty one: its contents are read only when trials run.
    for (String folder : List.of("data/competition", "data/ml-1m", "data/ml-latest-small")) Files.createDirectories(dir.resolve(folder));
    List<Path> files;
    try (var listing = Files.list(Path.of("../experiments"))) {
      files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 15, "sweep files found: " + files);
    for (Path f : files) {
      SweepConfig c = SweepConfig.load(f, dir);
      assertTrue(c.search().grid() ? !c.expand().isEmpty() : new SweepSearch(c).next() != null, f + " has no trial");
    }
  }
}
