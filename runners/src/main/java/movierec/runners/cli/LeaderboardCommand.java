package movierec.runners.cli;

import java.util.List;
import java.util.concurrent.Callable;
import movierec.runners.env.LocalMlflow;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardFormat;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Credentials;
import movierec.tracking.TrackingClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec leaderboard}: finished trials and ensembles ranked by their best-epoch metric. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
    description = "Rank finished trials and ensembles from MLflow by their best-epoch validation metric; runs of different validation splits are ranked separately.")
final class LeaderboardCommand implements Callable<Integer> {
  @Option(names = "--experiment", arity = "1..*", description = "experiment names (default: every experiment)")
  List<String> experiments;

  @Option(names = "--metric", defaultValue = LeaderboardOptions.DEFAULT_METRIC, description = "per-epoch metric, ranked by its best_ value (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--per-family", description = "only the best run of each family")
  boolean perFamily;

  @Option(names = "--top", defaultValue = "0", description = "rows per ranking, 0 = all")
  int top;

  @Option(names = "--format", defaultValue = "table", description = "table, csv, json or markdown (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--allow-mixed-splits", description = "rank runs of different validation splits together")
  boolean allowMixedSplits;

  @Option(names = "--include-pruned", description = "also rank trials a pruner stopped (they ran part of their epochs and were not refitted)")
  boolean includePruned;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    LeaderboardFormat output = LeaderboardFormat.parse(format);
    LeaderboardOptions options = LeaderboardOptions.defaults().withMetric(metric).withPerFamily(perFamily).withTop(top)
        .withAllowMixedSplits(allowMixedSplits).withIncludePruned(includePruned);
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      Leaderboard board = Leaderboard.load(client, Experiments.ids(client, experiments), options);
      System.out.print(output.render(board));
      return 0;
    }
  }
}
