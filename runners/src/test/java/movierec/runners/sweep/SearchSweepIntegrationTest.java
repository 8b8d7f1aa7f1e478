package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Metric;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TPE + ASHA sweep against the real MLflow server, read back through REST. */
@Tag("mlflow")
class SearchSweepIntegrationTest {
  @TempDir Path dir;

  @Test
  void tpeWithAshaNestsTrialsTagsPrunedOnesAndLogsTheHistory() throws Exception {
    String experiment = MlflowTestServer.uniqueName("search-it");
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: tiny, seed: 3}
        split: {protocol: holdout, last: 1, random: 4, seed: 2}
        search: {strategy: tpe, trials: 8, startup_trials: 3}
        pruner: {strategy: asha, min_epochs: 1, reduction_factor: 3}
        max_parallel: 2
        seed: 5
        models:
          - family: ials
            params: {factors: {int: [2, 32], log: true}, regularization: {loguniform: [0.01, 100]}, epochs: 6}
          - family: mostpop
        """.formatted(experiment));
    SweepConfig config = SweepConfig.load(file);

    try (TrackingClient client = MlflowTestServer.client()) {
      SweepRunner.Summary summary = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(2), (o, d, t, b) -> {}, true, 2);
      assertTrue(summary.complete(), summary.unfinished().toString());
      assertEquals(8, summary.trials());

      RunInfo parent = client.getRun(summary.parent().runId());
      assertEquals(RunStatus.FINISHED, parent.status());
      assertEquals("tpe", parent.params().get("search.sampler"));
      assertEquals("asha", parent.params().get("pruner.strategy"));
      assertEquals("3", parent.params().get("search.startup_trials"));

      List<RunInfo> children = client.searchRuns(RunQuery.in(parent.experimentId())
          .withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'"));
      assertEquals(8, children.size());
      Set<String> keys = children.stream().map(r -> r.tags().get(RunKeys.TRIAL_KEY)).collect(Collectors.toSet());
      assertEquals(8, keys.size(), "no trial key runs twice");

      List<RunInfo> pruned = children.stream().filter(r -> r.tags().containsKey(RunKeys.PRUNED)).toList();
      assertFalse(pruned.isEmpty(), "ASHA lets only the best of the first ials trials past epoch 1");
      assertEquals(summary.totals().pruned(), pruned.size());
      for (RunInfo r : pruned) {
        assertEquals("ials", r.tags().get(RunKeys.FAMILY), "closed-form families are never pruned");
        assertEquals(RunStatus.FINISHED, r.status());
        String tag = r.tags().get(RunKeys.PRUNED);
        assertTrue(tag.matches("epoch \\d+: asha: rung \\d+ .*"), tag);
        int epoch = Integer.parseInt(tag.replaceAll("epoch (\\d+):.*", "$1"));
        assertEquals(epoch, r.metrics().get(RunKeys.EPOCHS_RUN).intValue());
        List<Metric> history = client.metricHistory(r.runId(), "recall_at_10");
        assertEquals(epoch, history.stream().mapToLong(Metric::step).max().orElse(-1), "it stopped at the epoch its tag names");
        assertEquals(0.0, r.metrics().get(RunKeys.REFIT_SECONDS), "a pruned trial is not refitted");
        assertTrue(r.tags().get("mlflow.note.content").startsWith("**Pruned**"));
      }
      assertTrue(summary.totals().epochsRun() < summary.totals().epochsUnpruned());

      List<Metric> history = client.metricHistory(parent.runId(), RunKeys.OPTIMIZATION_HISTORY);
      assertEquals(8, history.size());
      for (int i = 0; i < history.size(); i++) {
        assertEquals(i + 1, history.get(i).step());
        if (i > 0) assertTrue(history.get(i).value() >= history.get(i - 1).value(), "the best so far never falls");
      }
      assertEquals(summary.totals().best().metric(), history.get(history.size() - 1).value(), 1e-9);

      List<String> experimentIds = List.of(parent.experimentId());
      Set<String> ranked = ids(Leaderboard.load(client, experimentIds, LeaderboardOptions.defaults()));
      Set<String> withPruned = ids(Leaderboard.load(client, experimentIds, LeaderboardOptions.defaults().withIncludePruned(true)));
      assertEquals(8 - pruned.size(), ranked.size());
      assertEquals(8, withPruned.size());
      assertTrue(pruned.stream().noneMatch(r -> ranked.contains(r.runId())));
    }
  }

  /** A tpe sweep that did not finish resumes with its finished trials in the sampler's history and asks only for the rest. */
  @Test
  void aResumedSearchKeepsItsFinishedTrialsAndAsksForTheRest() throws Exception {
    String experiment = MlflowTestServer.uniqueName("search-resume-it");
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: tiny, seed: 3}
        search: {strategy: tpe, trials: 4, startup_trials: 2}
        pruner: {strategy: median, warmup_trials: 1}
        models:
          - family: ials
            params: {factors: {int: [2, 32]}, epochs: 3}
          - family: mostpop
        """.formatted(experiment));
    SweepConfig config = SweepConfig.load(file);
    try (TrackingClient client = MlflowTestServer.client()) {
      SweepRunner.Summary first = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(1), (o, d, t, b) -> {}, true, 1);
      assertTrue(first.complete());
      RunQuery children = RunQuery.in(first.parent().experimentId()).withFilter("tags.mlflow.parentRunId = '" + first.parent().runId() + "'");
      // As if the sweep had died with its last trial unfinished: that run and the parent end FAILED.
      RunInfo last = client.searchRuns(children).stream().filter(r -> r.tags().get(RunKeys.TRIAL_NUMBER).equals("3")).findFirst().orElseThrow();
      client.endRun(last.runId(), RunStatus.FAILED);
      client.endRun(first.parent().runId(), RunStatus.FAILED);

      SweepRunner.Summary resumed = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(1), (o, d, t, b) -> {}, false, 1);
      assertEquals(first.parent().runId(), resumed.parent().runId());
      assertTrue(resumed.complete(), resumed.unfinished().toString());
      assertEquals(4, resumed.trials());
      List<RunInfo> after = client.searchRuns(children);
      assertEquals(5, after.size(), "one new trial beside the four of the first round");
      RunInfo added = after.stream().filter(r -> !r.tags().get(RunKeys.TRIAL_NUMBER).matches("[0-3]")).findFirst().orElseThrow();
      assertEquals("4", added.tags().get(RunKeys.TRIAL_NUMBER), "numbers go on after the resumed trials");
      Set<String> finishedKeys = after.stream().filter(r -> r.status() == RunStatus.FINISHED).map(r -> r.tags().get(RunKeys.TRIAL_KEY))
          .collect(Collectors.toSet());
      assertEquals(4, finishedKeys.size(), "every finished trial is a different trial");
      assertEquals(RunStatus.FINISHED, client.getRun(first.parent().runId()).status());
    }
  }

  /**
   * The wall time a sweep spent is on its parent run, and a resumed sweep's wall budget goes on from it:
   * a sweep that died when its 10 minutes were up asks for no more trials when resumed.
   */
  @Test
  void aResumedSweepContinuesTheWallBudgetFromWhatWasSpent() throws Exception {
    String experiment = MlflowTestServer.uniqueName("search-wall-it");
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: tiny, seed: 3}
        search: {strategy: random, trials: 6}
        budget: {wall: 10m}
        models:
          - family: ease
            params: {lambda: {loguniform: [1, 1000]}}
        """.formatted(experiment));
    SweepConfig config = SweepConfig.load(file);
    try (TrackingClient client = MlflowTestServer.client()) {
      long before = System.nanoTime();
      SweepRunner.Summary first = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(1), (o, d, t, b) -> {}, true, 1);
      double elapsed = (System.nanoTime() - before) / 1e9;
      assertTrue(first.complete());
      // The whole sweep counts, its setup (experiment, parent run) included: at least its trials' loop, at most the call.
      double spent = client.getRun(first.parent().runId()).metrics().get(RunKeys.WALL_SECONDS_SPENT);
      assertTrue(spent >= first.seconds() - 0.01 && spent <= elapsed, "spent " + spent + " s; trials' loop " + first.seconds() + " s, call " + elapsed + " s");
      RunQuery children = RunQuery.in(first.parent().experimentId()).withFilter("tags.mlflow.parentRunId = '" + first.parent().runId() + "'");
      // As if the sweep had died after 10 minutes with its last two trials unfinished.
      for (RunInfo r : client.searchRuns(children)) {
        if (Integer.parseInt(r.tags().get(RunKeys.TRIAL_NUMBER)) >= 4) client.endRun(r.runId(), RunStatus.FAILED);
      }
      client.logMetrics(first.parent().runId(), List.of(Metric.of(RunKeys.WALL_SECONDS_SPENT, 600, 0)));
      client.endRun(first.parent().runId(), RunStatus.FAILED);

      SweepRunner.Summary resumed = new SweepRunner(client, "test-commit").run(config, Schedulers.inMemory(1), (o, d, t, b) -> {}, false, 1);
      assertEquals(first.parent().runId(), resumed.parent().runId());
      assertEquals(4, resumed.trials(), "the four finished trials, no new one");
      assertEquals(6, client.searchRuns(children).size());
      assertTrue(resumed.totals().stopped().matches("budget spent \\(60\\d s, .*"), resumed.totals().stopped());
      assertTrue(client.getRun(first.parent().runId()).metrics().get(RunKeys.WALL_SECONDS_SPENT) >= 600);
    }
  }

  private static Set<String> ids(Leaderboard board) {
    return board.rankings().stream().flatMap(r -> r.entries().stream()).map(LeaderboardEntry::runId).collect(Collectors.toSet());
  }
}
