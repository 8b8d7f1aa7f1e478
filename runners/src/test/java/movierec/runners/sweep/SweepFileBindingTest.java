package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import movierec.core.data.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The typed binding of a sweep file: every kind of mistake is one exact {@code file:line: key: problem} line. */
class SweepFileBindingTest {
  @TempDir Path dir;

  private static final String HEAD = "experiment: e\ndataset: {synthetic: tiny}\n";

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // unknown keys, at the top, nested, in a list element, and a typo next to a missing required key
        Arguments.of(HEAD + "models: [{family: mostpop}]\nmax_paralel: 2\n",
            "4: max_paralel: unknown key; valid: budget, dataset, early_stopping, experiment, filters, max_epochs, max_parallel, metric, models, pruner, search, seed, split"),
        Arguments.of(HEAD + "search:\n  strategy: random\n  trails: 3\nmodels: [{family: mostpop}]\n", "5: search.trails: unknown key; valid: seed, startup_trials, strategy, trials"),
        Arguments.of(HEAD + "models:\n  - family: ease\n    parms: {lambda: 3}\n", "5: models[0].parms: unknown key; valid: family, params"),
        Arguments.of(HEAD + "model:\n  - family: ease\n", "3: model: unknown key; valid: budget, dataset, early_stopping, experiment, filters, max_epochs, max_parallel, metric, models, pruner, search, seed, split"),
        // wrong types: no coercion of "3", 3.5 or 1
        Arguments.of(HEAD + "max_parallel: '3'\nmodels: [{family: mostpop}]\n", "3: max_parallel: expected an integer, found '3'"),
        Arguments.of(HEAD + "max_parallel: 2.5\nmodels: [{family: mostpop}]\n", "3: max_parallel: expected an integer, found '2.5'"),
        Arguments.of(HEAD + "filters:\n  exclude_future: 1\nmodels: [{family: mostpop}]\n", "4: filters.exclude_future: expected true or false, found '1'"),
        Arguments.of(HEAD + "search: grid\nmodels: [{family: mostpop}]\n", "3: search: expected a mapping with keys seed, startup_trials, strategy, trials, found 'grid'"),
        Arguments.of(HEAD + "models: {family: mostpop}\n", "3: models: expected a list, found a mapping"),
        Arguments.of(HEAD + "seed: -4294967299\nmodels: [{family: mostpop}]\n", "3: seed: must be >= 0, found -4294967299"),
        Arguments.of(HEAD + "max_parallel: -4294967299\nmodels: [{family: mostpop}]\n", "3: max_parallel: too small for an integer, found -4294967299"),
        // the search, pruner and budget sections bind with the same strictness
        Arguments.of(HEAD + "models: [{family: mostpop}]\npruner:\n  strategy: asha\n  min_epoch: 2\n",
            "6: pruner.min_epoch: unknown key; valid: min_epochs, reduction_factor, strategy, warmup_trials"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\npruner:\n  strategy: asha\n  reduction_factor: 1.5\n",
            "6: pruner.reduction_factor: expected an integer, found '1.5'"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\npruner: {strategy: asha, reduction_factor: 1}\n", "4: pruner.reduction_factor: must be >= 2, found 1"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\npruner: asha\n",
            "4: pruner: expected a mapping with keys min_epochs, reduction_factor, strategy, warmup_trials, found 'asha'"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\nbudget:\n  wall: soon\n", "5: budget.wall: 'soon' is not a duration"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\nbudget:\n  epochs: many\n", "5: budget.epochs: expected an integer, found 'many'"),
        Arguments.of(HEAD + "models: [{family: mostpop}]\nsearch:\n  strategy: random\n  startup_trials: 3\n",
            "6: search.startup_trials: applies to search: {strategy: tpe} only"),
        // missing required keys are reported at their parent
        Arguments.of("dataset: {synthetic: tiny}\nmodels: [{family: mostpop}]\n", "1: experiment: required"),
        Arguments.of(HEAD + "models:\n  - family: ease\n  - params: {lambda: 3}\n", "5: models[1].family: required: a model family, e.g. ease"),
        Arguments.of("experiment: e\ndataset:\n  seed: 3\nmodels: [{family: mostpop}]\n", "2: dataset: give exactly one of {synthetic: small} or {path: DIR}"),
        // bad values, checked by the section's record or by the loader
        Arguments.of(HEAD + "search: {strategy: random, trials: 0}\nmodels: [{family: mostpop}]\n", "3: search.trials: must be >= 1, found 0"),
        Arguments.of(HEAD + "search:\n  strategy: annealing\nmodels: [{family: mostpop}]\n", "4: search.strategy: expected grid, random or tpe, found 'annealing'"),
        Arguments.of(HEAD + "split:\n  protocol: kfold\nmodels: [{family: mostpop}]\n", "3: split: unknown split 'kfold'; valid: holdout, leave-last-out"),
        Arguments.of("experiment: e\ndataset:\n  synthetic: tiny\n  seed: -1\nmodels: [{family: mostpop}]\n", "4: dataset.seed: must be >= 0, found -1"),
        Arguments.of(HEAD + "metric: recall@10\nmodels: [{family: mostpop}]\n",
            "3: metric.name: unknown metric 'recall@10'; valid: recall_at_K, ndcg_at_K, hit_rate_at_K, coverage_at_K"),
        // the direction follows the metric: minimize would be ignored by the sweep, leaderboard and ensembles, so it is refused
        Arguments.of(HEAD + "metric:\n  name: ndcg_at_10\n  direction: minimize\nmodels: [{family: mostpop}]\n",
            "5: metric.direction: minimize is not available: the direction follows the metric, and ndcg_at_10 is better when higher; leave direction out"),
        Arguments.of(HEAD + "metric: {name: recall_at_10, direction: up}\nmodels: [{family: mostpop}]\n", "3: metric.direction: expected maximize or minimize, found 'up'"),
        Arguments.of(HEAD + "models:\n  - family: ease\n    params:\n      lambda: {uniform: [1, 2]}\n",
            "6: models[0].params.lambda: distributions need search: {strategy: random}"),
        Arguments.of("experiment: e\ndataset: {path: no-such-folder}\nmodels: [{family: mostpop}]\n", "2: dataset.path: not a directory: "));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void eachMistakeIsOneLineNamingFileLineAndKey(String yaml, String expected) throws IOException {
    Path f = Files.writeString(dir.resolve("sweep.yaml"), yaml);
    String message = assertThrows(InputException.class, () -> SweepConfig.load(f, dir)).getMessage();
    assertTrue(message.startsWith(f + ":" + expected), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void absentSectionsTakeTheirDefaults() throws IOException {
    SweepConfig c = SweepConfig.load(Files.writeString(dir.resolve("sweep.yaml"), HEAD + "models: [{family: mostpop}]\n"), dir);
    assertEquals("recall_at_10", c.metric());
    assertEquals("grid", c.strategy());
    assertEquals(1, c.maxParallel());
  }

  @Test
  void maximizeWrittenOutIsAccepted() throws IOException {
    SweepConfig c = SweepConfig.load(Files.writeString(dir.resolve("sweep.yaml"),
        HEAD + "metric: {name: hit_rate_at_5, direction: maximize}\nmodels: [{family: mostpop}]\n"), dir);
    assertEquals("hit_rate_at_5", c.metric());
  }

  @Test
  void aNumberIsAValidExperimentName() throws IOException {
    SweepConfig c = SweepConfig.load(Files.writeString(dir.resolve("sweep.yaml"),
        "experiment: 2026\ndataset: {synthetic: tiny}\nmodels: [{family: mostpop}]\n"), dir);
    assertEquals("2026", c.experiment());
  }
}
