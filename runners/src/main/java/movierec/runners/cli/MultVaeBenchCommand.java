package movierec.runners.cli;

import java.util.concurrent.Callable;
import movierec.models.bench.MultVaeBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench multvae}: Mult-VAE epoch time and peak memory against a PyTorch CPU reference. */
@Command(name = "multvae", mixinStandardHelpOptions = true,
    description = {"Time Mult-VAE epochs (batch 500, 6807-600-200-600-6807) on the competition-scale synthetic preset,",
        "report peak memory, then run the same in PyTorch on the CPU (models/bench/multvae_torch.py) and print the ratio."})
final class MultVaeBenchCommand implements Callable<Integer> {
  @Option(names = "--epochs", defaultValue = "3", description = "epochs timed on each side; the median counts (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--batch", defaultValue = "500", description = "users per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--no-torch", description = "skip the PyTorch reference")
  boolean noTorch;

  @Option(names = "--python", description = "interpreter with torch for the reference (default: .venv-bench, created when missing)")
  String python;

  @Override
  public Integer call() throws Exception {
    MultVaeBench.run(epochs, batch, !noTorch, python);
    return 0;
  }
}
