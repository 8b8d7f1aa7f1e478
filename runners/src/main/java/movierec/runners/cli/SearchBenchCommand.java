package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.runners.bench.RecommenderSearchBench;
import movierec.runners.bench.SearchBench;
import movierec.runners.sweep.SweepConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench search}: movierec's TPE against Optuna's and random search on standard test functions. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Run movierec's TPE, Optuna's TPESampler (pinned, in .venv-bench/) and random search on Branin, Hartmann-6 and a",
        "conditional mixed space at the same trial budget; print the median final regret and the ask latency at 500 trials."})
final class SearchBenchCommand implements Callable<Integer> {
  @Option(names = "--trials", defaultValue = "100", description = "trials per run (default: ${DEFAULT-VALUE})")
  int trials;

  @Option(names = "--reps", defaultValue = "100", description = "repetitions (seeds 0..reps-1) per problem (default: ${DEFAULT-VALUE})")
  int reps;

  @Option(names = "--univariate", description = "also compare the univariate variants (Optuna's default TPESampler)")
  boolean univariate;

  @Option(names = "--no-optuna", description = "skip the Optuna reference")
  boolean noOptuna;

  @Option(names = "--sweep", paramLabel = "FILE",
      description = "instead: the sweep file's search (e.g. runners/bench/search-recommender.yaml, TPE + ASHA) against random search without pruning, same trial count")
  Path sweep;

  @Option(names = "--sweep-trials", description = "trials per arm with --sweep (default: the file's search.trials)")
  Integer sweepTrials;

  @Option(names = "--seed", description = "with --sweep: both arms' sampler seed (default: the file's search seed)")
  Long seed;

  @Override
  public Integer call() throws Exception {
    if (sweep != null) {
      SweepConfig config = SweepConfig.load(sweep);
      RecommenderSearchBench.run(config, sweepTrials != null ? sweepTrials : config.search().trials(), seed != null ? seed : config.search().seed(),
          System.out);
      return 0;
    }
    Path home = Path.of(System.getProperty("movierec.home", ".")).toAbsolutePath().normalize();
    SearchBench.run(new SearchBench.Settings(trials, reps, univariate, !noOptuna, home), System.out);
    return 0;
  }
}
