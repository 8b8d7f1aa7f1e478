package movierec.runners.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.models.bench.SeqBench;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench seq}: a sequential family's epoch time and peak memory against the same model in PyTorch on the CPU. */
@Command(name = "seq", mixinStandardHelpOptions = true,
    description = {"Time a sequential family's epochs (wall and CPU seconds) on a dataset, report peak memory, then train the same",
        "model (architecture, sizes, batch, windows, full-softmax loss) in PyTorch on the CPU (models/bench/seq_torch.py)",
        "and print the ratios. movierec trains in DJL's PyTorch engine (libtorch from Maven), the reference in Python."})
final class SeqBenchCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TrainCommand.DataSource source;

  @Option(names = "--data-seed", defaultValue = "42", description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--family", defaultValue = "sasrec", description = "sasrec, gru4rec or bert4rec (default: ${DEFAULT-VALUE})")
  String family;

  @Option(names = "--set", description = "the family's parameter override name=value (repeatable), e.g. --set hidden=64")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--epochs", defaultValue = "3", description = "epochs timed on each side; the median counts (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--no-torch", description = "skip the PyTorch reference")
  boolean noTorch;

  @Option(names = "--python", description = "interpreter with torch for the reference (default: .venv-bench, created when missing)")
  String python;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    SeqBench.run(dataset.load(), family, TrainCommand.parseOverrides(overrides), epochs, !noTorch, python);
    return 0;
  }
}
