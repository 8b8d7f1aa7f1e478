package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.runners.env.LocalMlflow;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardFormat;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Credentials;
import movierec.tracking.RunQuery;
import movierec.tracking.TrackingClient;
import movierec.tracking.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec quickstart}: the quickstart sweep on synthetic data, then the best run of each family. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run experiments/quickstart.yaml (synthetic data, a few families) with a local MLflow server and print the best run per family.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Option(names = "--config", description = "sweep file (default: experiments/quickstart.yaml in the project)")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path file = config != null ? config : LocalMlflow.home().resolve("experiments/quickstart.yaml");
    SweepConfig sweep = SweepConfig.load(file);
    SweepRunner.Summary summary = SweepCommand.run(sweep, trackingUri, null, null, TrackingClient.DEFAULT_OUTAGE_BUDGET);
    if (summary == null) return Main.FAILURE;
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      var trials = client.searchRuns(RunQuery.in(summary.parent().experimentId())
          .withFilter("tags.mlflow.parentRunId = '" + summary.parent().runId() + "'"));
      Leaderboard board = Leaderboard.of(trials, LeaderboardOptions.defaults().withMetric(sweep.metric()).withPerFamily(true));
      System.out.printf("%nbest run per family (validation %s); `./movierec leaderboard --experiment %s` shows them all:%n",
          sweep.metric(), sweep.experiment());
      System.out.print(LeaderboardFormat.TABLE.render(board));
    }
    return summary.count(RunStatus.FAILED) == 0 ? 0 : Main.FAILURE;
  }
}
