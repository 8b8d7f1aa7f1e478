package movierec.runners.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.core.data.StagedFolder;
import movierec.runners.env.LocalMlflow;
import movierec.submissions.leaderboard.Leaderboard;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.submissions.pull.Lineage;
import movierec.submissions.pull.RunPull;
import movierec.tracking.Credentials;
import movierec.tracking.RunInfo;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec pull}: a run's submission, top-K lists and config, validated, with its metric and lineage. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Download a run's submission.csv, top-K lists and resolved config from MLflow, validate the submission before writing, and print the run's metric and lineage.")
final class PullCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--run", description = "run id")
    String runId;

    @Option(names = "--best", description = "the best finished trial or ensemble by the metric")
    boolean best;
  }

  @Option(names = "--family", description = "with --best: only runs of this family")
  String family;

  @Option(names = "--experiment", description = "with --best: only runs of this experiment (default: every experiment)")
  String experiment;

  @Option(names = "--metric", defaultValue = LeaderboardOptions.DEFAULT_METRIC, description = "metric that --best ranks by and that is printed (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--out", description = "folder to write into (default: pulled/RUN_ID)")
  Path out;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    if (!which.best && (family != null || experiment != null)) throw new InputException("--family and --experiment go with --best, not --run");
    if (out != null) StagedFolder.requireFolderOrAbsent(out);
    LeaderboardOptions options = LeaderboardOptions.defaults().withMetric(metric);
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      RunInfo run = which.best ? best(client, options) : named(client, which.runId);
      RunData runData = RunData.of(client, run);
      Path dir = out != null ? out : Path.of("pulled", run.runId());
      List<Path> written = RunPull.pull(client, run, runData.data(), dir);
      System.out.print(Lineage.describe(client, run, options.metric()));
      System.out.println("submission valid; wrote " + written.size() + " files to " + dir + ":");
      written.forEach(f -> System.out.println("  " + f.getFileName()));
      return 0;
    }
  }

  private static RunInfo named(TrackingClient client, String runId) {
    try {
      return client.getRun(runId);
    } catch (TrackingException e) {
      if (e.isNotFound()) throw new InputException("unknown run id " + runId);
      throw e;
    }
  }

  /** The best run must be the best of one split: runs validated on different answers cannot be compared. */
  private RunInfo best(TrackingClient client, LeaderboardOptions options) {
    List<String> experimentIds = Experiments.ids(client, experiment == null ? List.of() : List.of(experiment));
    List<Leaderboard.Ranking> rankings = Leaderboard.load(client, experimentIds, options).rankings().stream()
        .map(r -> new Leaderboard.Ranking(r.splitHash(), r.entries().stream().filter(e -> family == null || e.family().equals(family)).toList()))
        .filter(r -> !r.entries().isEmpty()).toList();
    String what = (family == null ? "" : family + " ") + "run" + (experiment == null ? "" : " in experiment '" + experiment + "'");
    if (rankings.isEmpty()) throw new InputException("no finished " + what + " has " + options.rankingKey());
    if (rankings.size() > 1) {
      throw new InputException("the finished " + what + "s come from " + rankings.size() + " validation splits and cannot be ranked together; "
          + "narrow with --experiment or name one with --run");
    }
    return rankings.get(0).entries().get(0).run();
  }
}
