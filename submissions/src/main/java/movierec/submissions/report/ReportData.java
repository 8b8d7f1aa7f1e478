package movierec.submissions.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movierec.core.data.InputException;
import movierec.submissions.ensemble.EnsembleRun;
import movierec.submissions.ensemble.WeightMode;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardEntry;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Metric;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;

/**
 * What the team review shows about one experiment, read from MLflow: the leaderboard, the best trial
 * per model family with its per-epoch validation history (ensembles have their own section, not a
 * family's place), each ensemble's gain over its best source, and each sweep's trials, failures and
 * wall time.
 *
 * @param trackingUri the server's URI with credentials masked ({@link MlflowLinks#redact}), for the page's links into the MLflow UI
 */
public record ReportData(String experimentName, String experimentId, String trackingUri, String metric, Leaderboard leaderboard,
    Leaderboard bestPerFamily, Map<String, List<Metric>> historyByFamily, List<EnsembleGain> ensembles, List<SweepSummary> sweeps) {

  /** @param bestSource the best validation metric among the ensemble's sources */
  public record EnsembleGain(LeaderboardEntry ensemble, double bestSource) {
    public double gain() {
      return ensemble.value() - bestSource;
    }
  }

  /** Some ensemble's weights were tuned on the validation split (so its gain there is optimistic). */
  public boolean weightsTuned() {
    return ensembles.stream().anyMatch(g -> WeightMode.TUNED.key().equals(g.ensemble().run().params().get(EnsembleRun.WEIGHTS_PARAM)));
  }

  /** @param wall from the sweep's start to its end (to now while it runs) */
  public record SweepSummary(RunInfo sweep, int trials, int finished, int failed, int killed, Duration wall, Optional<Double> best) {}

  public static ReportData load(TrackingClient client, String experimentName, String metric) {
    String experimentId = client.findExperiment(experimentName)
        .orElseThrow(() -> new InputException("unknown experiment '" + experimentName + "'"));
    List<RunInfo> runs = client.searchRuns(RunQuery.in(experimentId));
    List<RunInfo> finished = runs.stream().filter(r -> r.status() == RunStatus.FINISHED).toList();
    LeaderboardOptions options = LeaderboardOptions.defaults().withMetric(metric);
    Leaderboard board = Leaderboard.of(finished, options);
    Leaderboard perFamily = Leaderboard.of(finished.stream().filter(r -> RunKeys.KIND_TRIAL.equals(r.tags().get(RunKeys.KIND))).toList(),
        options.withPerFamily(true));

    // Histories and gains come from the ranking holding the best run; other splits only appear in the tables.
    List<LeaderboardEntry> best = perFamily.isEmpty() ? List.of() : perFamily.rankings().get(0).entries();
    Map<String, List<Metric>> histories = new LinkedHashMap<>();
    for (LeaderboardEntry e : best) histories.put(e.family(), client.metricHistory(e.runId(), options.metric()));
    List<EnsembleGain> gains = new ArrayList<>();
    for (Leaderboard.Ranking ranking : board.rankings()) {
      for (LeaderboardEntry e : ranking.entries()) {
        Double bestSource = e.run().metrics().get(EnsembleRun.BEST_SOURCE_PREFIX + options.metric());
        if (e.kind().equals(RunKeys.KIND_ENSEMBLE) && bestSource != null) gains.add(new EnsembleGain(e, bestSource));
      }
    }
    return new ReportData(experimentName, experimentId, MlflowLinks.redact(client.trackingUri()), options.metric(), board, perFamily, histories, gains, sweeps(runs, options));
  }

  private static List<SweepSummary> sweeps(List<RunInfo> runs, LeaderboardOptions options) {
    List<SweepSummary> sweeps = new ArrayList<>();
    for (RunInfo sweep : runs) {
      if (!RunKeys.KIND_SWEEP.equals(sweep.tags().get(RunKeys.KIND))) continue;
      List<RunInfo> trials = runs.stream().filter(r -> r.parentRunId().filter(sweep.runId()::equals).isPresent()).toList();
      Duration wall = Duration.between(sweep.startTime(), sweep.endTime().orElse(Instant.now()));
      sweeps.add(new SweepSummary(sweep, trials.size(), count(trials, RunStatus.FINISHED), count(trials, RunStatus.FAILED),
          count(trials, RunStatus.KILLED), wall, Optional.ofNullable(sweep.metrics().get(RunKeys.sweepBest(options.metric())))));
    }
    sweeps.sort(Comparator.comparing((SweepSummary s) -> s.sweep().startTime()));
    return sweeps;
  }

  private static int count(List<RunInfo> runs, RunStatus status) {
    return (int) runs.stream().filter(r -> r.status() == status).count();
  }
}
