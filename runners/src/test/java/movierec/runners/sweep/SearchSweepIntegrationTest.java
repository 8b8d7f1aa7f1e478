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
        max_epochs: 6
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

  private static Set<String> ids(Leaderboard board) {
    return board.rankings().stream().flatMap(r -> r.entries().stream()).map(LeaderboardEntry::runId).collect(Collectors.toSet());
  }
}
