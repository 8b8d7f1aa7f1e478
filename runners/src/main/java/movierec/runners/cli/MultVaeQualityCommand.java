package movierec.runners.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.core.train.RunDefaults;
import movierec.models.ModelRegistry;
import movierec.models.bench.MultVaeQuality;
import movierec.models.multvae.MultVaeParams;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench multvae-quality}: our Mult-VAE's validation recall against the PyTorch reference's. */
@Command(name = "multvae-quality", mixinStandardHelpOptions = true,
    description = {"Train Mult-VAE and its PyTorch reference (models/bench/multvae_quality_torch.py) with the same settings",
        "on the same holdout split (last 1 + 9 random, seed 1) and print both best Recall@10 and their ratio."})
final class MultVaeQualityCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TrainCommand.DataSource source;

  @Option(names = "--data-seed", defaultValue = "" + RunDefaults.DATA_SEED, description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--set", description = "Mult-VAE parameter override name=value (repeatable), e.g. --set learning_rate=0.002")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--max-epochs", defaultValue = "100", description = "epochs at most on each side (default: ${DEFAULT-VALUE})")
  int maxEpochs;

  @Option(names = "--patience", defaultValue = "" + RunDefaults.PATIENCE, description = "stop after this many epochs without gain; 0 = off (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--python", description = "interpreter with torch for the reference (default: .venv-bench, created when missing)")
  String python;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    MultVaeParams params = (MultVaeParams) ModelRegistry.get("multvae").params(TrainCommand.parseOverrides(overrides));
    MultVaeQuality.run(dataset.load(), params, maxEpochs, patience, python);
    return 0;
  }
}
