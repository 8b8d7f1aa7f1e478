package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.runners.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench}: prints load, EASE fit (Java and numpy) and evaluation times against their targets. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    subcommands = {EnsembleBenchCommand.class, MultVaeBenchCommand.class, MultVaeQualityCommand.class, SeqBenchCommand.class, FeatureBenchCommand.class, QualityBenchCommand.class, SearchBenchCommand.class},
    description = {"Time loading, the EASE fit (against numpy/scipy, run in .venv-bench/) and a full-ranking evaluation",
        "on a synthetic dataset of the competition's shape. Prints figures; run it alone, it uses both cores."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "competition", description = "synthetic preset: tiny, small, competition (default: ${DEFAULT-VALUE})")
  String preset;

  @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--lambda", defaultValue = "500", description = "EASE's L2 weight (default: ${DEFAULT-VALUE})")
  double lambda;

  @Option(names = "--cache", description = "where the generated dataset is kept (default: out/bench under the project)")
  Path cache;

  @Option(names = "--skip-numpy", description = "skip the numpy/scipy reference fit")
  boolean skipNumpy;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("movierec.home", ".")).toAbsolutePath().normalize();
    Path cacheDir = cache != null ? cache : home.resolve("out").resolve("bench");
    Bench.run(new Bench.Settings(preset, seed, lambda, cacheDir, home, !skipNumpy), System.out);
    return 0;
  }
}
