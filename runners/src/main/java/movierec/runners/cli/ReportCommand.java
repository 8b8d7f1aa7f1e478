package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.runners.env.LocalMlflow;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.submissions.report.ReportData;
import movierec.submissions.report.TeamReport;
import movierec.tracking.Credentials;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunInfo;
import movierec.tracking.TrackingClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec report}: the team review page of one experiment, written locally and logged to MLflow. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the team review of an experiment as one offline HTML page (leaderboard, best run per family, per-epoch curves, "
        + "ensemble gains, sweep summaries) and log it as an artifact.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--experiment", required = true, description = "experiment name")
  String experiment;

  @Option(names = "--out", defaultValue = TeamReport.FILE, description = "HTML file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--metric", defaultValue = LeaderboardOptions.DEFAULT_METRIC, description = "validation metric (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      ReportData data = ReportData.load(client, experiment, metric);
      TeamReport.write(data, out);
      RunInfo run = TeamReport.log(client, data.experimentId(), out);
      System.out.printf("wrote %s; logged as artifact %s of run %s: %s%n", out, TeamReport.FILE, run.runId(),
          MlflowLinks.run(data.trackingUri(), data.experimentId(), run.runId()));
      return 0;
    }
  }
}
