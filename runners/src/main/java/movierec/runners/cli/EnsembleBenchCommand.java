package movierec.runners.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import movierec.core.data.Dataset;
import movierec.core.eval.Metric;
import movierec.runners.bench.EnsembleBench;
import movierec.runners.env.LocalMlflow;
import movierec.runners.trial.DatasetSpec;
import movierec.submissions.ensemble.Ensemble;
import movierec.submissions.ensemble.EnsemblePreset;
import movierec.submissions.ensemble.EnsembleSources;
import movierec.submissions.ensemble.EnsembleSpec;
import movierec.submissions.ensemble.VotingMethod;
import movierec.submissions.leaderboard.LeaderboardOptions;
import movierec.tracking.Credentials;
import movierec.tracking.TrackingClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench ensemble}: the presets' ensembles on an experiment, judged on held-out users; or the weight search's speed. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = {"With --experiment: build the preset ensembles (best3/best4/best7/best10, rank and greedy member choice, weighted voting and blends)",
        "from the best run of every family and print members, weights, the held-out metric and the gain over the best single run, all on the",
        "half of the validation users that neither training, the weight search nor member selection read; then oracle upper bounds.",
        "With --synthetic: time a tuned blend's weight search at that preset's scale (competition: 31k users) against 60 s. Nothing is logged."})
final class EnsembleBenchCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--experiment", description = "experiment whose trials are the sources")
    String experiment;

    @Option(names = "--synthetic", description = "synthetic preset to time the weight search on: tiny, small, competition")
    String synthetic;
  }

  @Option(names = "--presets", defaultValue = "best3,best4,best7", split = ",", description = "presets to build (default: ${DEFAULT-VALUE})")
  List<String> presets;

  @Option(names = "--methods", defaultValue = "weighted,blend,stack", split = ",",
      description = "combinations to try: weighted (voting), blend, stack (default: ${DEFAULT-VALUE}); on a busy machine tuned voting is the slow one")
  List<String> methods;

  @Option(names = "--metric", defaultValue = LeaderboardOptions.DEFAULT_METRIC, description = "validation metric (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--tune-samples", defaultValue = "" + EnsembleSpec.DEFAULT_TUNE_SAMPLES, description = "random weight vectors tried before refining (default: ${DEFAULT-VALUE})")
  int tuneSamples;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the weight search and of the tuning/held-out halves (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--sources", defaultValue = "5", description = "with --synthetic: how many sources to blend (default: ${DEFAULT-VALUE})")
  int sources;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    if (mode.synthetic != null) {
      Dataset data = DatasetSpec.synthetic(mode.synthetic, 42).load();
      EnsembleBench.speed(data, sources, tuneSamples, seed, System.out);
      return 0;
    }
    List<EnsemblePreset> chosen = presets.stream().map(EnsemblePreset::parse).toList();
    List<VotingMethod> tried = methods.stream().map(VotingMethod::parse).toList();
    Metric.Keyed keyed = Metric.parse(metric);
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      List<String> experimentIds = Experiments.ids(client, List.of(mode.experiment));
      EnsemblePreset smallest = chosen.stream().min((a, b) -> Integer.compare(a.families(), b.families())).orElseThrow();
      List<EnsembleSources.SourceRun> runs = EnsembleSources.pool(client, experimentIds, smallest, keyed.key());
      RunData runData = RunData.of(client, runs.get(0).run());
      List<Ensemble.Source> pool = new ArrayList<>();
      for (EnsembleSources.SourceRun s : runs) pool.add(EnsembleSources.read(client, s, keyed.key(), runData.data()));
      EnsembleBench.table(pool, EnsembleBench.configs(chosen, tried), keyed, tuneSamples, seed, runData.data(), runData.split(), runData.spec().filters(), System.out);
      return 0;
    }
  }
}
