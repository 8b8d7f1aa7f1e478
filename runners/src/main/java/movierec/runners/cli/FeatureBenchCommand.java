package movierec.runners.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.models.bench.FeatureBench;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench fm}: epoch times of FM, FFM and DeepFM. */
@Command(name = "fm", mixinStandardHelpOptions = true,
    description = {"Time training epochs of the feature-based families (fm, ffm, deepfm) at their defaults on a dataset,",
        "wall and process CPU seconds, then DeepFM in PyTorch on the CPU (models/bench/deepfm_torch.py) and the ratio."})
final class FeatureBenchCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TrainCommand.DataSource source;

  @Option(names = "--data-seed", defaultValue = "42", description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--families", defaultValue = "fm,ffm,deepfm", split = ",", description = "families to time (default: ${DEFAULT-VALUE})")
  List<String> families;

  @Option(names = "--set", description = "family.param=value override (repeatable), e.g. --set deepfm.hidden1=128")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--epochs", defaultValue = "3", description = "epochs timed per family; the median counts (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--no-torch", description = "skip the PyTorch DeepFM reference")
  boolean noTorch;

  @Option(names = "--python", description = "interpreter with torch for the reference (default: .venv-bench, created when missing)")
  String python;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    FeatureBench.run(dataset.load(), families, QualityBenchCommand.perFamily(overrides), epochs, !noTorch, python);
    return 0;
  }
}
